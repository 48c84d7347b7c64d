// The settings that set a run apart from the others listed, shown beside its name.
const SHOWN = 4;

export function RunDiffers({ settings }: { settings: readonly string[] | undefined }) {
  if (!settings?.length) return null;
  const all = settings.join(' · ');
  const shown = settings.length > SHOWN ? `${settings.slice(0, SHOWN).join(' · ')} …` : all;
  return (
    <strong className="run-differs" data-testid="run-differs" title={`Differs from the others: ${all}`}>
      {shown}
    </strong>
  );
}

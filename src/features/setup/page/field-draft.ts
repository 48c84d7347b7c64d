// What a number field shows: the store's value, or the text being typed while it is either a
// refused text the store still holds as refused, or another spelling of the store's value
// (0.10 for 0.1, 1e-3 for 0.001). Anything else that set the value (a link, a reopened run, the
// LR finder, a dismissed "stop training?") shows at once.

/** The text last typed into a field, and why it was refused (null: it was taken). */
export interface Draft {
  text: string;
  reason: string | null;
}

export function parseNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

export function shownField(draft: Draft | null, value: number, refused: boolean): { text: string; error: string | null } {
  if (draft && draft.reason !== null && refused) return { text: draft.text, error: draft.reason };
  if (draft && draft.reason === null && parseNumber(draft.text) === value) return { text: draft.text, error: null };
  return { text: String(value), error: null };
}

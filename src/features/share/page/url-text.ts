// A link's text read safely: the longest hash read at all, JSON that never throws, a value clipped for a message.

/** Longer hashes are not read at all (a link is a few hundred characters, a few thousand with code). */
export const MAX_HASH = 60_000;

export function parseJson(text: string): unknown {
  if (text.length > MAX_HASH) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Shown in a message: short, one line. */
export function clip(s: string): string {
  const one = s.replace(/\p{Cc}/gu, ' '); // control characters
  return one.length > 40 ? `${one.slice(0, 40)}…` : one;
}

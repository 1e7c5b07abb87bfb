// The one check of a link Paper Lens will show or open: an absolute http(s) URL. Anything else —
// javascript:, command:, data:, file:, relative or malformed — is no link at all.

/** Longest URL kept: real paper links are far shorter; a longer one is pasted data. */
export const MAX_URL_LENGTH = 2048;

/** `raw` as a normalised absolute http(s) URL (`URL.href`: blanks and quotes percent-encoded), else undefined. */
export function httpUrl(raw: string): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const trimmed = raw.trim();
  if (!/^https?:\/\//i.test(trimmed) || trimmed.length > MAX_URL_LENGTH) return undefined;
  try {
    const u = new URL(trimmed);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

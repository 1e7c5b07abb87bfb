// Whether a file the CLI is asked to scan is text it can read, decided from its first bytes, before
// a binary file is decoded into replacement characters and scanned for nothing.

/** How much of a file's start is sniffed. */
export const SNIFF_BYTES = 8192;

/**
 * Above this share of invalid UTF-8 bytes the file is not UTF-8 text. A Latin-1 note with a few
 * accented letters stays well under it (and reads fine apart from those letters); binary data
 * without NUL bytes is far above it (random bytes are about half invalid).
 */
const MAX_INVALID_SHARE = 0.1;

/** Why `head` (a file's first bytes) is not UTF-8 text, or undefined when it is. */
export function notTextReason(head: Uint8Array): string | undefined {
  const bytes = head.subarray(0, SNIFF_BYTES);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 'it is UTF-16; save it as UTF-8';
  if (bytes.includes(0)) return 'it contains NUL bytes';
  const invalid = invalidUtf8Bytes(bytes);
  if (invalid > bytes.length * MAX_INVALID_SHARE) {
    return `${Math.round((100 * invalid) / bytes.length)}% of its first ${bytes.length < SNIFF_BYTES ? `${bytes.length} bytes` : `${SNIFF_BYTES / 1024} KB`} are not UTF-8`;
  }
  return undefined;
}

/**
 * Counts the bytes that are not part of a well-formed UTF-8 sequence (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF). A sequence cut off by the end of the sample is not counted.
 */
export function invalidUtf8Bytes(bytes: Uint8Array): number {
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    // Length of the sequence a lead byte starts, and the range its second byte must fall in.
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    }
    if (!need) {
      invalid++;
      i++;
      continue;
    }
    // Bytes past the end are not checked: a sequence cut off by the end of the sample passes.
    let ok = true;
    for (let k = 1; k <= need && i + k < bytes.length; k++) {
      const c = bytes[i + k];
      if (k === 1 ? c < lo || c > hi : (c & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
    }
    if (!ok) {
      invalid++;
      i++;
      continue;
    }
    i += need + 1;
  }
  return invalid;
}

// Size limits, stated once for the extension, the CLI and the README.

/**
 * The largest text Paper Lens scans for mentions, in characters (UTF-16 code units, as editors
 * count them): about 10 MB of prose. Notes are far smaller; a log or a dataset opened by mistake
 * should be refused with a message rather than scanned.
 */
export const MAX_SCAN_CHARS = 10_000_000;

// A library fingerprint: a short string that changes whenever what the mention detector reads
// changes, stored with every note's entry so that a library change rescans exactly the notes
// scanned with another library (all of them, today: a new name or a changed abstract can change
// any note's mentions).

/**
 * The fingerprint of a list of papers, plus `salt` — the caller's detector or extension version, so
 * an update of the detector itself invalidates cached mentions too. It covers every field of every
 * paper in order: the detector reads names, titles, abstracts and authors, and hashing all of it
 * costs a few milliseconds for the bundled corpus rather than a wrong cache after a field starts to
 * matter. Not cryptographic; 53 bits make an accidental collision between two libraries of the same
 * user negligible.
 */
export function libraryFingerprint(papers: readonly object[], salt = ''): string {
  return `${hash53(`${salt}\u0000${JSON.stringify(papers)}`).toString(36)}-${papers.length}`;
}

/**
 * cyrb53 (a public-domain 53-bit string hash by bryc): two 32-bit multiply-xorshift lanes mixed at
 * the end. Plain arithmetic over UTF-16 code units, so it needs no crypto module in a browser.
 */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

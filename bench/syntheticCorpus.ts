// A deterministic large library for the search benchmark, made from the real corpus's own words:
// every synthetic paper has a CamelCase name and a title from the real titles' words, and an
// abstract of real abstract sentences with some words swapped for others of the corpus, so term
// frequencies, name shapes and abstract lengths look like the field's.
import type { Paper, Topic } from '../src/core/library/model';

/** mulberry32: a small seeded PRNG, so every run builds the same library. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Synthetic {
  papers: Paper[];
  /** Names given to synthetic papers (for name queries). */
  names: string[];
  /** Title words (for typo queries). */
  titleWords: string[];
  /** Real abstract sentences (for natural-language queries). */
  sentences: string[];
}

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

export function syntheticLibrary(real: readonly Paper[], topics: readonly Topic[], size: number, seed = 20240601): Synthetic {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

  const titleWords = real.flatMap(p => p.title.replace(/^[^:]*:\s*/, '').split(/\s+/)).filter(w => /^[A-Za-z][\w-]*$/.test(w));
  const nameParts = [...new Set(titleWords.filter(w => /^[A-Za-z]{3,10}$/.test(w)).map(w => cap(w.toLowerCase())))];
  const abstractWords = real.flatMap(p => p.abstract.split(/\s+/)).filter(Boolean);
  const sentences = real.flatMap(p => p.abstract.split(/(?<=[.!?])\s+/)).filter(s => s.split(/\s+/).length >= 6);
  const suffixes = ['', '', '', '2', '-7B', 'XL', '++', '-R1', '3', '-Lite', 'v2'];

  const papers: Paper[] = [...real];
  const names: string[] = [];
  const taken = new Set(real.map(p => p.shortName?.toLowerCase()));
  for (let i = papers.length; i < size; i++) {
    let name: string;
    do {
      name = `${pick(nameParts)}${pick(nameParts)}${pick(suffixes)}`;
    } while (taken.has(name.toLowerCase()));
    taken.add(name.toLowerCase());
    names.push(name);
    const title = `${name}: ${Array.from({ length: int(5, 12) }, () => pick(titleWords)).join(' ')}`;
    const abstract = Array.from({ length: int(5, 10) }, () =>
      pick(sentences)
        .split(/\s+/)
        .map(w => (random() < 0.15 ? pick(abstractWords) : w))
        .join(' '),
    ).join(' ');
    const ts = [...new Set(Array.from({ length: int(1, 3) }, () => pick(topics).id))];
    papers.push({
      id: `syn.${i}`,
      arxiv: `syn.${i}`,
      title,
      abstract: `${abstract} We call our method ${name}.`,
      year: int(2020, 2025),
      month: int(1, 12),
      firstAuthor: 'Synthetic',
      shortName: name,
      aliases: [{ name, origin: 'title' }],
      topics: ts,
      links: [],
    });
  }
  return { papers, names, titleWords, sentences };
}

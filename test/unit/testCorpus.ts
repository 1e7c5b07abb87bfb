// The real bundled corpus, built in memory from data/ exactly as the build step does, so unit tests
// need no build output and always see the current sources.
import * as fs from 'fs';
import * as path from 'path';
import { loadEnglishWords } from '../../scripts/buildCorpus';
import { buildCorpus, type Curation, type MetadataEntry } from '../../scripts/build/corpusBuilder';
import { createLexicon, type Lexicon } from '../../src/core/library/lexicon';
import { Library, type LibrarySnapshot, type PaperSource } from '../../src/core/library/library';
import type { CorpusData } from '../../src/core/library/model';
import { bundledSource } from '../../src/core/sources/bundledCorpus';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const DATA = path.join(ROOT, 'data');

export function readData() {
  return {
    seed: fs.readFileSync(path.join(DATA, 'daily-papers.txt'), 'utf8'),
    metadata: JSON.parse(fs.readFileSync(path.join(DATA, 'arxiv-metadata.json'), 'utf8')) as MetadataEntry[],
    curation: JSON.parse(fs.readFileSync(path.join(DATA, 'curation.json'), 'utf8')) as Curation,
  };
}

let lexicon: Lexicon | undefined;
export function englishLexicon(): Lexicon {
  return (lexicon ??= createLexicon(loadEnglishWords()));
}

let data: CorpusData | undefined;
export function corpusData(): CorpusData {
  if (!data) {
    const { seed, metadata, curation } = readData();
    data = buildCorpus(seed, metadata, curation, englishLexicon());
  }
  return data;
}

/** The library's sources as the extension has them: the bundled corpus alone. */
export function testSources(): PaperSource[] {
  return [bundledSource(corpusData())];
}

let corpus: LibrarySnapshot | undefined;
/** A snapshot of a library holding just the bundled corpus. */
export function testCorpus(): LibrarySnapshot {
  return (corpus ??= new Library(testSources()).snapshot());
}

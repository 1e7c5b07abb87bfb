// The real bundled corpus, built in memory from data/ exactly as the build step does, so unit tests
// need no build output and always see the current sources.
import * as fs from 'fs';
import * as path from 'path';
import { loadEnglishWords } from '../../scripts/buildCorpus';
import type { Lexicon } from '../../src/core/aliases';
import { Corpus } from '../../src/core/corpus';
import { buildCorpus, type Curation, type MetadataEntry } from '../../src/core/corpusBuilder';
import { createLexicon } from '../../src/core/lexicon';
import type { CorpusData } from '../../src/core/model';

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

let corpus: Corpus | undefined;
export function testCorpus(): Corpus {
  return (corpus ??= new Corpus(corpusData()));
}

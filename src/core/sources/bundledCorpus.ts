// The bundled corpus as a library source: dist/corpus.json, built from data/ by `npm run build`
// (scripts/buildCorpus.ts). Its shape is checked before anything trusts it.
import type { PaperSource } from '../library/library';
import type { CorpusData } from '../library/model';

export class CorpusFormatError extends Error {}

export const BUNDLED_SOURCE_ID = 'bundled';

/** The source for built corpus data (already parsed). */
export function bundledSource(data: CorpusData): PaperSource {
  return {
    id: BUNDLED_SOURCE_ID,
    kind: 'bundled',
    label: 'Bundled corpus',
    papers: data.papers,
    topics: data.topics,
  };
}

/** Parses dist/corpus.json text into the bundled source; throws CorpusFormatError when it is not one. */
export function parseBundledCorpus(json: string): PaperSource {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new CorpusFormatError(`corpus is not valid JSON: ${(e as Error).message}`);
  }
  const d = data as Partial<CorpusData>;
  if (!d || typeof d !== 'object' || d.schema !== 1 || !Array.isArray(d.papers) || !Array.isArray(d.topics)) {
    throw new CorpusFormatError('corpus file has an unknown format (expected { schema: 1, topics: [...], papers: [...] }); rebuild with `npm run build`');
  }
  return bundledSource(d as CorpusData);
}

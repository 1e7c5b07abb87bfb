import * as fs from 'fs';
import { Corpus, CorpusFormatError, parseCorpus } from './corpus';

/** Reads a built corpus file (dist/corpus.json) with a clear message when it is missing. */
export function loadCorpusFile(file: string): Corpus {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CorpusFormatError(code === 'ENOENT' ? `corpus not found at ${file} (run \`npm run build\`)` : `cannot read ${file}: ${(e as Error).message}`);
  }
  return parseCorpus(text);
}

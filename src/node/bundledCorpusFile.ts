// Reads the bundled corpus file (dist/corpus.json) from disk, for the extension host and the CLI.
import * as fs from 'fs';
import type { PaperSource } from '../core/library/library';
import { CorpusFormatError, parseBundledCorpus } from '../core/sources/bundledCorpus';

/** The bundled corpus as a library source, with a clear message when the file is missing. */
export function loadBundledCorpus(file: string): PaperSource {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CorpusFormatError(code === 'ENOENT' ? `corpus not found at ${file} (run \`npm run build\`)` : `cannot read ${file}: ${(e as Error).message}`);
  }
  return parseBundledCorpus(text);
}

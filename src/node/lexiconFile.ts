// The ordinary-English word list name derivation needs (dist/english-words.txt, written by the
// build from SCOWL sizes 10–50), read once per process when a user's library first needs it.
import * as fs from 'fs';
import * as path from 'path';
import { createLexicon, type Lexicon } from '../core/library/lexicon';

const cache = new Map<string, Lexicon>();

/** The lexicon from `dist/english-words.txt` in `distDir`; throws with a clear message when missing. */
export function loadLexicon(distDir: string): Lexicon {
  const file = path.join(distDir, 'english-words.txt');
  let lexicon = cache.get(file);
  if (!lexicon) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new Error(`word list not found at ${file} (run \`npm run build\`): ${(e as Error).message}`);
    }
    lexicon = createLexicon(text.split('\n').filter(Boolean));
    cache.set(file, lexicon);
  }
  return lexicon;
}

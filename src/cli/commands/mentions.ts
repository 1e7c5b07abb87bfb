import * as fs from 'fs';
import { displayName } from '../../core/library/model';
import { parseCommandArgs } from '../args';
import { type CommandSpec, NotFoundError, UsageError } from '../types';

/** Larger files are refused: notes are small, and a stray log or dataset should fail fast. */
export const MAX_MENTIONS_FILE_BYTES = 10 * 1024 * 1024;

/** The file's text, or an error that says in one line why it cannot be read. */
function readNote(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' || code === 'ENOTDIR' ? `mentions: no such file '${file}'` : `mentions: cannot read '${file}' (${code ?? (e as Error).message})`);
  }
  if (stat.isDirectory()) throw new Error(`mentions: '${file}' is a directory, not a file`);
  if (stat.size > MAX_MENTIONS_FILE_BYTES) {
    throw new Error(`mentions: '${file}' is ${(stat.size / 1024 / 1024).toFixed(1)} MB; files above ${MAX_MENTIONS_FILE_BYTES / 1024 / 1024} MB are not scanned`);
  }
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`mentions: cannot read '${file}' (${code ?? (e as Error).message})`);
  }
}

/** 1-based line and column (UTF-16 code units, as editors count) of every offset, in one pass. */
function lineColumns(text: string, offsets: readonly number[]): { line: number; column: number }[] {
  const out: { line: number; column: number }[] = [];
  let line = 1;
  let lineStart = 0;
  let at = 0;
  for (const offset of offsets) {
    for (; at < offset; at++) {
      if (text.charCodeAt(at) === 10) {
        line++;
        lineStart = at + 1;
      }
    }
    out.push({ line, column: offset - lineStart + 1 });
  }
  return out;
}

export const mentionsCommand: CommandSpec = {
  name: 'mentions',
  usage: 'mentions <file> [--json]',
  summary: 'every mention of a corpus paper in a note: line:col, text, paper(s); exit 1 when none',
  run(args, { out, core }) {
    const { values, positionals } = parseCommandArgs('mentions', args, { json: { type: 'boolean' } });
    if (!positionals.length) throw new UsageError('mentions: missing <file> (e.g. paper-lens mentions notes.md)');
    if (positionals.length > 1) throw new UsageError(`mentions: unexpected argument '${positionals[1]}'`);
    const file = positionals[0];
    const text = readNote(file);
    const c = core().snapshot;
    const mentions = core().mentions.detect(text);
    const places = lineColumns(text, mentions.map(m => m.start));
    if (values.json) {
      out.stdout(JSON.stringify(mentions.map((m, i) => ({
        start: m.start,
        end: m.end,
        line: places[i].line,
        column: places[i].column,
        text: m.text,
        ambiguous: m.ambiguous,
        papers: m.papers,
        titles: m.papers.map(id => c.paper(id)?.title ?? id),
      })), null, 2));
    } else if (mentions.length) {
      out.stdout(mentions.map((m, i) => {
        const papers = m.papers.map(id => {
          const p = c.paper(id);
          return p ? `${displayName(p)} (${id})` : id;
        });
        return `${places[i].line}:${places[i].column}  ${m.text}  → ${papers.join(' | ')}${m.ambiguous ? '  [ambiguous]' : ''}`;
      }).join('\n'));
    }
    if (!mentions.length) throw new NotFoundError(`no mentions of corpus papers in '${file}'`);
  },
};

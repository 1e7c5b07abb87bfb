import * as fs from 'fs';
import { displayName } from '../../core/library/model';
import { MAX_SCAN_CHARS } from '../../core/text/limits';
import { parseCommandArgs } from '../args';
import { notTextReason, SNIFF_BYTES } from '../textFile';
import { type CommandSpec, NotFoundError, UsageError } from '../types';

// Larger files are refused with the extension's own limit (MAX_SCAN_CHARS, in characters as
// JavaScript counts them), so a note the editor scans the CLI scans too.

/** UTF-8 needs at most 3 bytes per UTF-16 code unit: a file this large is over the limit unread. */
const MAX_SCAN_BYTES = 3 * MAX_SCAN_CHARS;

const LIMIT = `the limit is ${MAX_SCAN_CHARS / 1e6} million characters`;

function readError(file: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException).code;
  return new Error(code === 'ENOENT' || code === 'ENOTDIR' ? `mentions: no such file '${file}'` : `mentions: cannot read '${file}' (${code ?? (e as Error).message})`);
}

/** The file's text, or an error that says in one line why it cannot be scanned. */
function readNote(file: string): string {
  let stat: fs.Stats;
  let head: Buffer;
  try {
    stat = fs.statSync(file);
    if (stat.isDirectory()) throw new Error(`mentions: '${file}' is a directory, not a file`);
    const fd = fs.openSync(file, 'r');
    try {
      head = Buffer.alloc(Math.min(SNIFF_BYTES, stat.size));
      head = head.subarray(0, fs.readSync(fd, head, 0, head.length, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw (e as Error).message.startsWith('mentions:') ? e : readError(file, e);
  }
  const notText = notTextReason(head);
  if (notText) throw new Error(`mentions: '${file}' is not a text file (${notText})`);
  if (stat.size > MAX_SCAN_BYTES) {
    throw new Error(`mentions: '${file}' is ${(stat.size / 1e6).toFixed(1)} MB, more than ${MAX_SCAN_CHARS / 1e6} million characters; ${LIMIT}`);
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw readError(file, e);
  }
  if (text.length > MAX_SCAN_CHARS) throw new Error(`mentions: '${file}' has ${text.length.toLocaleString('en')} characters; ${LIMIT}`);
  return text;
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
    // Names, citation keys ([@key], \\cite{key}) and arXiv references alike.
    const mentions = core().notes.detect(text);
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
        kind: m.kind,
        ...(m.ref ? { ref: m.ref } : {}),
      })), null, 2));
    } else if (mentions.length) {
      out.stdout(mentions.map((m, i) => {
        const papers = m.papers.map(id => {
          const p = c.paper(id);
          return p ? `${displayName(p)} (${id})` : id;
        });
        const target = papers.length ? papers.join(' | ') : `arXiv ${m.ref} (not in the library)`;
        return `${places[i].line}:${places[i].column}  ${m.text}  → ${target}${m.ambiguous ? '  [ambiguous]' : ''}`;
      }).join('\n'));
    }
    if (!mentions.length) throw new NotFoundError(`no mentions of corpus papers in '${file}'`);
  },
};

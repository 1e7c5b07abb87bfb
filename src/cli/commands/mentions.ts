import * as fs from 'fs';
import * as path from 'path';
import { displayName } from '../../core/library/model';
import type { NoteMention } from '../../core/notes/noteMentions';
import { MAX_SCAN_CHARS } from '../../core/text/limits';
import { VSCODE_DEFAULT_EXCLUDES } from '../../core/workspace';
import { listNotes } from '../../node/workspaceFiles';
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
export function readNote(file: string): string {
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

/** A note to scan: its path as given (or found under a folder given) and as shown. */
export interface NoteTarget {
  file: string;
  /** The path shown in output: relative to the folder it was found under, '/'-separated. */
  label: string;
  /** Found by walking a folder (not named): one that cannot be read is skipped, not an error. */
  found: boolean;
}

/**
 * The notes the arguments name: a file as it is, a folder walked recursively with the extension's
 * own file selection (markdown, text and LaTeX notes; VS Code's default excludes such as
 * node_modules and .git; .gitignore files honoured; files over 10 MB left out), so the CLI and the
 * workspace index read the same notes. A path that does not exist is an error.
 */
export function noteTargets(command: string, paths: readonly string[]): NoteTarget[] {
  const out: NoteTarget[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new Error(code === 'ENOENT' || code === 'ENOTDIR' ? `${command}: no such file or folder '${p}'` : `${command}: cannot read '${p}' (${code ?? (e as Error).message})`);
    }
    if (!stat.isDirectory()) {
      out.push({ file: p, label: p, found: false });
      continue;
    }
    const root = path.resolve(p);
    const files = listNotes(root, { excludes: [VSCODE_DEFAULT_EXCLUDES] }).files.map(f => f.path).sort();
    for (const file of files) {
      const rel = path.relative(root, file).split(path.sep).join('/');
      out.push({ file, label: p === '.' ? rel : `${p.replace(/[\\/]+$/, '')}/${rel}`, found: true });
    }
  }
  return out;
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

interface ScannedNote {
  label: string;
  mentions: { start: number; end: number; line: number; column: number; text: string; ambiguous: boolean; papers: string[]; kind: NoteMention['kind']; ref?: string }[];
}

export const mentionsCommand: CommandSpec = {
  name: 'mentions',
  usage: 'mentions <file|dir> [--json]',
  summary: 'every mention of a corpus paper in a note, or in every note under a folder: line:col, text, paper(s); exit 1 when none',
  run(args, { out, core }) {
    const { values, positionals } = parseCommandArgs('mentions', args, { json: { type: 'boolean' } });
    if (!positionals.length) throw new UsageError('mentions: missing <file> or <dir> (e.g. paper-lens mentions notes.md)');
    if (positionals.length > 1) throw new UsageError(`mentions: unexpected argument '${positionals[1]}'`);
    const target = positionals[0];
    const isDir = (() => {
      try {
        return fs.statSync(target).isDirectory();
      } catch {
        return false;
      }
    })();
    const c = core().snapshot;
    const scanned: ScannedNote[] = [];
    for (const note of isDir ? noteTargets('mentions', [target]) : [{ file: target, label: target, found: false }]) {
      let text: string;
      try {
        text = readNote(note.file);
      } catch (e) {
        // A folder's binary or unreadable file is not the user's request: it is passed over.
        if (note.found) continue;
        throw e;
      }
      // Names, citation keys ([@key], \\cite{key}) and arXiv references alike.
      const mentions = core().notes.detect(text);
      const places = lineColumns(text, mentions.map(m => m.start));
      scanned.push({
        label: note.label,
        mentions: mentions.map((m, i) => ({
          start: m.start,
          end: m.end,
          line: places[i].line,
          column: places[i].column,
          text: m.text,
          ambiguous: m.ambiguous,
          papers: m.papers,
          kind: m.kind,
          ...(m.ref ? { ref: m.ref } : {}),
        })),
      });
    }
    // The documented field order: titles after papers, then kind and ref.
    const json = ({ kind, ref, ...m }: ScannedNote['mentions'][number]) => ({ ...m, titles: m.papers.map(id => c.paper(id)?.title ?? id), kind, ...(ref ? { ref } : {}) });
    const line = (m: ScannedNote['mentions'][number]) => {
      const papers = m.papers.map(id => {
        const p = c.paper(id);
        return p ? `${displayName(p)} (${id})` : id;
      });
      const to = papers.length ? papers.join(' | ') : `arXiv ${m.ref} (not in the library)`;
      return `${m.line}:${m.column}  ${m.text}  → ${to}${m.ambiguous ? '  [ambiguous]' : ''}`;
    };
    const found = scanned.filter(n => n.mentions.length);
    if (values.json) {
      // A file gives its mentions (the documented shape); a folder one object per note that has any.
      out.stdout(JSON.stringify(isDir ? found.map(n => ({ file: n.label, mentions: n.mentions.map(json) })) : (scanned[0]?.mentions ?? []).map(json), null, 2));
    } else if (found.length) {
      out.stdout(isDir ? found.flatMap(n => n.mentions.map(m => `${n.label}:${line(m)}`)).join('\n') : found[0].mentions.map(line).join('\n'));
    }
    if (!found.length) throw new NotFoundError(isDir ? `no mentions of corpus papers in the notes under '${target}'` : `no mentions of corpus papers in '${target}'`);
  },
};

// A user's library file, from its text to a library source: the format by file name, the reader
// for it (BibTeX, CSL-JSON, CSL-YAML), entries to papers, and every problem with file and line.
// Pure: the worker (src/node/libraryWorker.ts), the CLI and tests call it with the file's text.
import type { LibraryProblem, PaperSource } from '../library/library';
import type { ParseResult } from './bibliographyEntry';
import type { Paper } from '../library/model';
import { paperBatches, type EntryConversion } from './bibliographyPapers';
import { parseBibtex } from './bibtex';
import { parseCslJson } from './cslJson';
import { parseCslYaml } from './cslYaml';
import { libraryFormat, type LibraryFormat } from './libraryFormat';

export { libraryFormat, type LibraryFormat } from './libraryFormat';

/** Text that is surely not a bibliography: NUL characters, or mostly replacement characters (invalid UTF-8). */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return true;
  let bad = 0;
  for (let i = 0; i < head.length; i++) if (head.charCodeAt(i) === 0xfffd) bad++;
  return head.length > 0 && bad / head.length > 0.05;
}

export function parseLibraryText(text: string, file: string, format: LibraryFormat): ParseResult {
  switch (format) {
    case 'bibtex': return parseBibtex(text, file);
    case 'csl-json': return parseCslJson(text, file);
    case 'csl-yaml': return parseCslYaml(text, file);
  }
}

export interface LibraryLoad {
  source: PaperSource;
  /** Entries read, before papers without a title were dropped. */
  entries: number;
}

/** A library source from a file's text. Never throws: what cannot be read becomes a problem. */
export function librarySourceFromText(text: string, file: string, conversion: Omit<EntryConversion, 'source' | 'file'>, label = file): LibraryLoad {
  const reading = readLibraryText(text, file, conversion, label);
  const papers: Paper[] = [];
  for (const batch of reading.batches(Infinity)) for (const paper of batch) papers.push(paper);
  return { source: { ...reading.load.source, papers }, entries: reading.load.entries };
}

/** A file's text read and parsed, its papers still to make: `librarySourceFromText` in parts. */
export interface LibraryReading {
  /** The source without its papers (`papers` is empty), its problems and entry count. */
  load: LibraryLoad;
  /** Makes the papers, at most `size` at a time; all of them are `librarySourceFromText`'s papers, in order. */
  batches(size: number): Iterable<Paper[]>;
}

/** Reads and parses a file's text; the papers are made as `batches` is iterated. Never throws. */
export function readLibraryText(text: string, file: string, conversion: Omit<EntryConversion, 'source' | 'file'>, label = file): LibraryReading {
  const problems: LibraryProblem[] = [];
  const format = libraryFormat(file);
  const empty = (message: string): LibraryReading => ({ load: { source: { id: file, kind: 'bibliography', label, file, papers: [], problems: [{ file, line: 1, message, severity: 'error' }] }, entries: 0 }, batches: () => [] });
  if (!format) return empty('not a library file Paper Lens reads (.bib, CSL .json or .yaml)');
  if (looksBinary(text)) return empty('not a text file (binary content)');
  let result: ParseResult;
  try {
    result = parseLibraryText(text, file, format);
  } catch (e) {
    // The readers never throw by contract; if one does, the file is reported, not the editor broken.
    return empty(`could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  for (const p of result.problems) problems.push({ file: p.file, line: p.line, message: p.column ? `${p.message} (column ${p.column})` : p.message, severity: p.severity });
  for (const e of result.entries) {
    if (!e.title?.trim()) problems.push({ file, line: e.line, message: `entry '${e.key}' has no title; it is skipped`, severity: 'warning' });
  }
  return {
    load: { source: { id: file, kind: 'bibliography', label, file, papers: [], problems }, entries: result.entries.length },
    batches: size => paperBatches(result.entries, { ...conversion, source: file, file }, size),
  };
}

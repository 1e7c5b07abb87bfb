// The notes under a workspace folder, as the file selection (src/core/workspace/filePolicy.ts)
// judges them: a synchronous walk, meant to run in the scan worker (or the CLI), never on the
// extension host's thread. Note paths are the index keys: absolute, '/'-separated (Node's fs takes
// them as they are on Windows too).
import * as fs from 'fs';
import * as path from 'path';
import { decodeNote, FileSelection, type FileSelectionOptions, looksBinary, type MentionFinder, type NoteFile, packMentions, packNoteMentions, type ResolvedFileSelection, type SkipReason } from '../core/workspace';
import type { ScanResult } from './workspaceProtocol';

/** The index key of a file system path: absolute, '/'-separated, no trailing '/'. */
export function noteKey(fsPath: string): string {
  const abs = path.resolve(fsPath);
  const key = path.sep === '/' ? abs : abs.split(path.sep).join('/');
  return key.length > 1 && key.endsWith('/') ? key.slice(0, -1) : key;
}

export interface NoteListing {
  files: NoteFile[];
  /** Files (and folders, as 'excluded' or 'ignored') left out, by reason. */
  skipped: Partial<Record<SkipReason | 'unreadable', number>>;
}

/**
 * Every note under `root` the selection accepts, with size and mtime. Folders matched by an exclude
 * glob or an ignore file are not entered; symbolic links to folders are not followed (a link cycle
 * must not hang a scan), links to files are. `shouldStop` is polled between folders.
 */
export function listNotes(root: string, options: FileSelectionOptions | ResolvedFileSelection = {}, shouldStop?: () => boolean): NoteListing {
  const selection = new FileSelection(options);
  const rootKey = noteKey(root);
  const files: NoteFile[] = [];
  const skipped: NoteListing['skipped'] = {};
  const skip = (reason: SkipReason | 'unreadable') => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  const stack: string[] = [''];
  while (stack.length) {
    if (shouldStop?.()) break;
    const rel = stack.pop()!;
    const dir = rel ? `${rootKey}/${rel}` : rootKey;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      skip('unreadable');
      continue;
    }
    const names = new Set(entries.map(e => e.name));
    if (selection.options.useIgnoreFiles) {
      for (const name of selection.options.ignoreFileNames) {
        if (!names.has(name)) continue;
        try {
          selection.ignoreRules.add(rel, fs.readFileSync(`${dir}/${name}`, 'utf8'));
        } catch {
          // An unreadable ignore file ignores nothing, as git treats it.
        }
      }
    }
    const subdirs: string[] = [];
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const target = fs.statSync(`${dir}/${e.name}`);
          isFile = target.isFile();
          isDir = false;
        } catch {
          continue;
        }
      }
      if (isDir) {
        const reason = selection.skipsDirectory(childRel);
        if (reason) skip(reason);
        else subdirs.push(childRel);
        continue;
      }
      if (!isFile) continue;
      let reason = selection.skipsFile(childRel, undefined, n => names.has(n));
      if (reason) {
        // Only notes count as skipped: every other file of the folder is not a note to begin with.
        if (reason !== 'extension') skip(reason);
        continue;
      }
      let stat: fs.Stats;
      try {
        stat = fs.statSync(`${dir}/${e.name}`);
      } catch {
        skip('unreadable');
        continue;
      }
      reason = selection.skipsFile(childRel, stat.size, n => names.has(n));
      if (reason) {
        skip(reason);
        continue;
      }
      files.push({ path: `${dir}/${e.name}`, size: stat.size, mtime: stat.mtimeMs });
    }
    // Depth first, folders in name order: a deterministic walk.
    subdirs.sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    stack.push(...subdirs);
  }
  return { files, skipped };
}

/**
 * Judges single paths under one workspace folder the way `listNotes` would (a file created, renamed
 * or saved): every folder above is checked against the excludes, and the ignore files above it
 * are read once and remembered. Call `forgetIgnoreFiles` when one changes.
 */
export class FolderNoteFilter {
  private selection: FileSelection;
  private readonly rootKey: string;
  private readonly readDirs = new Set<string>();

  constructor(root: string, private readonly options: FileSelectionOptions = {}) {
    this.rootKey = noteKey(root);
    this.selection = new FileSelection(options);
  }

  /** Why the file at `fsPath` is not a note of this folder (outside it, excluded, …), or undefined when it is one. */
  skips(fsPath: string, size?: number): SkipReason | 'outside' | undefined {
    const key = noteKey(fsPath);
    if (!key.startsWith(`${this.rootKey}/`)) return 'outside';
    const rel = key.slice(this.rootKey.length + 1);
    if (this.selection.options.useIgnoreFiles) this.readIgnoreFilesAbove(rel);
    const dir = path.dirname(key);
    return this.selection.skipsPath(rel, size, name => fs.existsSync(`${dir}/${name}`));
  }

  /** Drops what was read of ignore files (one was created, changed or deleted). */
  forgetIgnoreFiles(): void {
    this.readDirs.clear();
    this.selection = new FileSelection(this.options);
  }

  private readIgnoreFilesAbove(rel: string): void {
    const parts = rel.split('/');
    parts.pop();
    for (let i = 0; i <= parts.length; i++) {
      const dirRel = parts.slice(0, i).join('/');
      if (this.readDirs.has(dirRel)) continue;
      this.readDirs.add(dirRel);
      for (const name of this.selection.options.ignoreFileNames) {
        try {
          this.selection.ignoreRules.add(dirRel, fs.readFileSync(dirRel ? `${this.rootKey}/${dirRel}/${name}` : `${this.rootKey}/${name}`, 'utf8'));
        } catch {
          // No ignore file there.
        }
      }
    }
  }
}

/** A note's result from its bytes as read: no mentions for a binary file (see ScanResult). */
export function scanNoteBytes(path: string, size: number, mtime: number, bytes: Uint8Array, finder: MentionFinder): ScanResult {
  // A fresh empty pack, not a shared constant: its buffer is transferred to the host.
  return { path, size, mtime, mentions: looksBinary(bytes) ? packMentions([]) : packNoteMentions(finder, decodeNote(bytes)) };
}

function missingOrUnreadable(path: string, e: unknown): ScanResult {
  const code = (e as NodeJS.ErrnoException).code;
  return { path, skipped: code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' ? 'missing' : 'unreadable' };
}

/**
 * Reads and scans one note. Size and mtime come from the open file, not from an earlier listing,
 * so the entry's stamp describes the bytes that were scanned even if the note changed in between.
 */
export function scanNoteFileSync(path: string, finder: MentionFinder, maxFileBytes: number): ScanResult {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (e) {
    return missingOrUnreadable(path, e);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { path, skipped: 'missing' };
    if (stat.size > maxFileBytes) return { path, skipped: 'tooLarge' };
    return scanNoteBytes(path, stat.size, stat.mtimeMs, fs.readFileSync(fd), finder);
  } catch (e) {
    return missingOrUnreadable(path, e);
  } finally {
    fs.closeSync(fd);
  }
}

/** `scanNoteFileSync` with asynchronous reads: the host's path for one saved note. */
export async function scanNoteFile(path: string, finder: MentionFinder, maxFileBytes: number): Promise<ScanResult> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(path, 'r');
  } catch (e) {
    return missingOrUnreadable(path, e);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { path, skipped: 'missing' };
    if (stat.size > maxFileBytes) return { path, skipped: 'tooLarge' };
    return scanNoteBytes(path, stat.size, stat.mtimeMs, await handle.readFile(), finder);
  } catch (e) {
    return missingOrUnreadable(path, e);
  } finally {
    await handle.close();
  }
}

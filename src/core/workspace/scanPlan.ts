// What a scan must read, given the notes on disk now and what the index (perhaps loaded from the
// cache) already holds: only notes that are new, changed (size or mtime) or scanned with another
// library. Reopening an unchanged folder with a warm cache reads no note at all.
import { comparePaths, type WorkspaceMentionIndex } from './mentionIndex';

/** A note found on disk. */
export interface NoteFile {
  /** The index key ('/'-separated). */
  path: string;
  size: number;
  mtime: number;
}

export interface ScanPlan {
  /** Notes to read, in the order listed (the walk's own order is deterministic). */
  scan: NoteFile[];
  /** Indexed notes that are no longer on disk (or no longer selected): remove them. */
  remove: string[];
  /** Notes whose entry is current. */
  unchanged: number;
}

/**
 * `files` is every note the file selection accepts under the scanned folders; `within` limits
 * removal to notes under those folders (a scan of one workspace folder keeps the others' notes),
 * all notes when omitted.
 */
export function planScan(index: WorkspaceMentionIndex, files: readonly NoteFile[], fingerprint: string, within?: readonly string[]): ScanPlan {
  const scan: NoteFile[] = [];
  const seen = new Set<string>();
  let unchanged = 0;
  for (const f of files) {
    if (seen.has(f.path)) continue;
    seen.add(f.path);
    const e = index.note(f.path);
    if (e && e.size === f.size && e.mtime === f.mtime && e.fingerprint === fingerprint) unchanged++;
    else scan.push(f);
  }
  const prefixes = within?.map(w => (w.endsWith('/') ? w : `${w}/`));
  const remove: string[] = [];
  for (const e of index.entries()) {
    if (seen.has(e.path)) continue;
    if (prefixes && !prefixes.some(p => e.path.startsWith(p))) continue;
    remove.push(e.path);
  }
  remove.sort(comparePaths);
  return { scan, remove, unchanged };
}

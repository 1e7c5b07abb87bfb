// Reading and writing the collection file (src/core/sources/collection.ts is its model), for the
// extension and the CLI alike.
//
// A write is one atomic step: the new text goes to a temporary file in the same folder, is flushed
// to disk, and is renamed over the collection (rename within a folder replaces the file in one step
// on every platform Node supports), so a crash, a kill or a full disk leaves either the old file or
// the new one, never half of one. The version replaced is kept next to it as `<file>.bak`.
//
// A write also states which version of the file it was computed from (the stamp of the last read):
// when the file on disk is not that version any more — Zotero's auto-export, a text editor, another
// window — the write is refused with CollectionChangedError and nothing is touched, so the caller
// reloads and asks rather than overwriting someone's edit. Versions are compared by content hash,
// since an edit within the file system's mtime resolution that keeps the size would fool mtime+size.
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Which version of the file a read saw. */
export interface FileStamp {
  exists: boolean;
  /** SHA-256 of the bytes, hex; empty when the file does not exist. */
  hash: string;
  size: number;
  mtimeMs: number;
}

export const ABSENT: FileStamp = Object.freeze({ exists: false, hash: '', size: 0, mtimeMs: 0 });

/** Collections are lists of references: past this something else is at the path. */
export const MAX_COLLECTION_BYTES = 50 * 1024 * 1024;

export class CollectionChangedError extends Error {
  constructor(readonly file: string, readonly current: FileStamp) {
    super(`${file} changed on disk since it was read`);
    this.name = 'CollectionChangedError';
  }
}

export interface CollectionRead {
  text: string;
  stamp: FileStamp;
}

export interface WriteHooks {
  /** Runs after the temporary file is written and before it replaces the collection (tests fail here). */
  beforeRename?(tmp: string): void | Promise<void>;
}

function hashOf(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Whether two stamps are the same version of the file. */
export function sameVersion(a: FileStamp, b: FileStamp): boolean {
  return a.exists === b.exists && a.hash === b.hash;
}

/** The file's text and stamp; a missing file is an empty collection. Throws a one-line Error otherwise. */
export async function readCollectionFile(file: string): Promise<CollectionRead> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { text: '', stamp: ABSENT };
    throw new Error(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (stat.isDirectory()) throw new Error(`${file} is a folder, not a collection file`);
  if (stat.size > MAX_COLLECTION_BYTES) throw new Error(`${file} is ${(stat.size / 1e6).toFixed(1)} MB: too large for a collection file`);
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(file);
  } catch (e) {
    throw new Error(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return { text: bytes.toString('utf8'), stamp: { exists: true, hash: hashOf(bytes), size: bytes.length, mtimeMs: stat.mtimeMs } };
}

/** The file a write replaces: a symbolic link's target, so a linked collection stays linked. */
async function target(file: string): Promise<string> {
  try {
    return await fs.promises.realpath(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * Replaces the file with `text` in one atomic step, if it is still the version `expected` describes
 * (ABSENT: it must not exist). Keeps the replaced version as `<file>.bak`. Returns the new stamp.
 * Throws CollectionChangedError (nothing written) or the file system's error (nothing replaced).
 */
export async function writeCollectionFile(file: string, text: string, expected: FileStamp, hooks: WriteHooks = {}): Promise<FileStamp> {
  const dest = await target(file);
  const dir = path.dirname(dest);
  await fs.promises.mkdir(dir, { recursive: true });
  const current = await readCollectionFile(dest);
  if (!sameVersion(current.stamp, expected)) throw new CollectionChangedError(file, current.stamp);

  const bytes = Buffer.from(text, 'utf8');
  const tmp = path.join(dir, `.${path.basename(dest)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = current.stamp.exists ? (await fs.promises.stat(dest)).mode & 0o777 : 0o644;
  try {
    const handle = await fs.promises.open(tmp, 'wx', mode);
    try {
      await handle.writeFile(bytes);
      // On disk before the rename makes it the collection: a power cut then leaves a whole file.
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (current.stamp.exists) await backup(dest);
    await hooks.beforeRename?.(tmp);
    // The last look: an edit that landed while the new text was written is not overwritten. (A
    // write in the instant between this and the rename cannot be told apart without locking, which
    // editors and Zotero do not do.)
    const now = await readCollectionFile(dest);
    if (!sameVersion(now.stamp, expected)) throw new CollectionChangedError(file, now.stamp);
    await fs.promises.rename(tmp, dest);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  const stat = await fs.promises.stat(dest);
  return { exists: true, hash: hashOf(bytes), size: bytes.length, mtimeMs: stat.mtimeMs };
}

/** `<file>.bak` becomes a copy of the file, itself replaced atomically. */
async function backup(file: string): Promise<void> {
  const bak = `${file}.bak`;
  const tmp = `${bak}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.promises.copyFile(file, tmp);
    await fs.promises.rename(tmp, bak);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

// The workspace mention index: every note's mentions, and per paper which notes mention it and how
// often. Notes are keyed by a '/'-separated path (the host uses absolute paths with forward
// slashes); the index never touches files. Every update replaces whole notes, so it is consistent
// after any sequence of calls (a cancelled scan leaves some notes older, none half-updated), and it
// costs only the mentions of the notes it touches: a saved note is O(its mentions), not O(workspace).
import { mentionCount, type NoteMention, type PackedMentions, paperListCounts, paperLists, unpackMentions } from './noteMentions';

/** What a note's entry was computed from: the cache key besides its path. */
export interface NoteStamp {
  /** Bytes on disk. */
  size: number;
  /** Modification time, ms since the epoch (as `fs.Stats.mtimeMs`). */
  mtime: number;
  /** The library fingerprint the note was scanned with (libraryFingerprint). */
  fingerprint: string;
}

export interface NoteEntry extends NoteStamp {
  path: string;
  /** Sorted by start (unpackMentions gives them as objects). */
  mentions: PackedMentions;
}

export interface PaperMentionCount {
  paper: string;
  /** Mentions naming the paper, ambiguous ones (which name every candidate) included. */
  mentions: number;
  /** How many of those are ambiguous. */
  ambiguous: number;
  /** Notes with at least one such mention. */
  notes: number;
}

export interface NoteMentionsOfPaper {
  path: string;
  /** The note's mentions that name the paper, sorted by start. */
  mentions: NoteMention[];
}

export interface IndexChange {
  /** Paths whose entries were set, removed or renamed (both names of a rename). */
  paths: readonly string[];
}

/** Code-unit order: the same everywhere, unlike localeCompare, so results and caches are stable. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface PaperTally {
  mentions: number;
  ambiguous: number;
  /** Notes with a mention of the paper. */
  notes: Set<string>;
}

export class WorkspaceMentionIndex {
  private readonly notes = new Map<string, NoteEntry>();
  private readonly byPaper = new Map<string, PaperTally>();
  /** Fingerprint → notes scanned with it: the cache's fingerprint table without a pass over every note. */
  private readonly fingerprintUse = new Map<string, number>();
  private readonly listeners = new Set<(change: IndexChange) => void>();
  private changes = 0;
  private totalMentions = 0;

  /** Number of notes indexed. */
  get size(): number {
    return this.notes.size;
  }

  /** Mentions over all notes. */
  get mentionCount(): number {
    return this.totalMentions;
  }

  /** Bumped by every change: lets a view tell whether what it showed is current. */
  get version(): number {
    return this.changes;
  }

  has(path: string): boolean {
    return this.notes.has(path);
  }

  note(path: string): NoteEntry | undefined {
    return this.notes.get(path);
  }

  /** Every indexed path, sorted. */
  paths(): string[] {
    return [...this.notes.keys()].sort(comparePaths);
  }

  /** Every entry, in no particular order (for the cache writer and checks). */
  entries(): IterableIterator<NoteEntry> {
    return this.notes.values();
  }

  /** Ids of the papers mentioned anywhere, in no particular order. */
  paperIds(): string[] {
    return [...this.byPaper.keys()];
  }

  /** The library fingerprints the notes were scanned with. */
  fingerprints(): string[] {
    return [...this.fingerprintUse.keys()];
  }

  /** Papers mentioned anywhere: most mentions first, then most notes, then by id. */
  papers(): PaperMentionCount[] {
    const out: PaperMentionCount[] = [];
    for (const [paper, t] of this.byPaper) out.push({ paper, mentions: t.mentions, ambiguous: t.ambiguous, notes: t.notes.size });
    return out.sort((a, b) => b.mentions - a.mentions || b.notes - a.notes || comparePaths(a.paper, b.paper));
  }

  /** One paper's counts, or undefined when no note mentions it. */
  countOf(paper: string): PaperMentionCount | undefined {
    const t = this.byPaper.get(paper);
    return t && { paper, mentions: t.mentions, ambiguous: t.ambiguous, notes: t.notes.size };
  }

  /** The notes that mention a paper, sorted by path. */
  notesOf(paper: string): string[] {
    const t = this.byPaper.get(paper);
    return t ? [...t.notes.keys()].sort(comparePaths) : [];
  }

  /** Where a paper is mentioned: notes sorted by path, each with its mentions of the paper in order. */
  mentionsOf(paper: string): NoteMentionsOfPaper[] {
    const out: NoteMentionsOfPaper[] = [];
    for (const path of this.notesOf(paper)) {
      const entry = this.notes.get(path);
      if (entry) out.push({ path, mentions: unpackMentions(entry.mentions, paper) });
    }
    return out;
  }

  /** A note's mentions as objects, in order ([] for a note not indexed). */
  mentionsIn(path: string): NoteMention[] {
    const entry = this.notes.get(path);
    return entry ? unpackMentions(entry.mentions) : [];
  }

  /** Notes scanned with another library than `fingerprint`: what a library change must rescan. */
  staleNotes(fingerprint: string): string[] {
    const out: string[] = [];
    for (const e of this.notes.values()) if (e.fingerprint !== fingerprint) out.push(e.path);
    return out.sort(comparePaths);
  }

  /** Sets one note's entry, replacing what it had. */
  setNote(entry: NoteEntry): void {
    this.put(entry);
    this.emit([entry.path]);
  }

  /** Sets many notes' entries with one change event (a scan's batch, a cache being loaded). */
  setNotes(entries: Iterable<NoteEntry>): void {
    const paths: string[] = [];
    for (const e of entries) {
      this.put(e);
      paths.push(e.path);
    }
    if (paths.length) this.emit(paths);
  }

  /**
   * Removes notes: each path is a note or a folder whose notes all go (a deleted folder arrives as
   * one event). One change event; returns the removed paths.
   */
  remove(paths: string | readonly string[]): string[] {
    const removed = (typeof paths === 'string' ? [paths] : paths).flatMap(p => this.matching(p));
    for (const p of removed) this.drop(p);
    if (removed.length) this.emit(removed);
    return removed;
  }

  /**
   * Moves a note, or every note under a folder, to a new path; entries keep their stamps (a rename
   * keeps size and mtime), so the cache stays valid. A note already at a target is replaced.
   * Returns the new paths.
   */
  rename(from: string, to: string): string[] {
    if (from === to) return [];
    const moved = this.matching(from);
    const entries = moved.map(p => this.notes.get(p)!);
    for (const p of moved) this.drop(p);
    const targets: string[] = [];
    for (const e of entries) {
      const path = to + e.path.slice(from.length);
      this.put({ ...e, path });
      targets.push(path);
    }
    if (moved.length) this.emit([...moved, ...targets]);
    return targets;
  }

  /** Removes every note (a folder closed, the cache thrown away). */
  clear(): void {
    const paths = [...this.notes.keys()];
    this.notes.clear();
    this.byPaper.clear();
    this.fingerprintUse.clear();
    this.totalMentions = 0;
    if (paths.length) this.emit(paths);
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  onDidChange(listener: (change: IndexChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The note at `path`, or the notes under the folder `path`. */
  private matching(path: string): string[] {
    if (this.notes.has(path)) return [path];
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const out: string[] = [];
    for (const p of this.notes.keys()) if (p.startsWith(prefix)) out.push(p);
    return out;
  }

  private put(entry: NoteEntry): void {
    if (this.notes.has(entry.path)) this.drop(entry.path);
    this.notes.set(entry.path, entry);
    this.totalMentions += mentionCount(entry.mentions);
    this.fingerprintUse.set(entry.fingerprint, (this.fingerprintUse.get(entry.fingerprint) ?? 0) + 1);
    // Per distinct paper list, not per mention: a note with 500 mentions of 20 papers costs 20 updates.
    const lists = paperLists(entry.mentions);
    const counts = paperListCounts(entry.mentions, lists.length);
    for (let k = 0; k < lists.length; k++) {
      if (!counts.mentions[k]) continue;
      for (const paper of lists[k]) {
        let t = this.byPaper.get(paper);
        if (!t) this.byPaper.set(paper, (t = { mentions: 0, ambiguous: 0, notes: new Set() }));
        t.mentions += counts.mentions[k];
        t.ambiguous += counts.ambiguous[k];
        t.notes.add(entry.path);
      }
    }
  }

  private drop(path: string): void {
    const entry = this.notes.get(path);
    if (!entry) return;
    this.notes.delete(path);
    this.totalMentions -= mentionCount(entry.mentions);
    const use = (this.fingerprintUse.get(entry.fingerprint) ?? 1) - 1;
    if (use > 0) this.fingerprintUse.set(entry.fingerprint, use);
    else this.fingerprintUse.delete(entry.fingerprint);
    const lists = paperLists(entry.mentions);
    const counts = paperListCounts(entry.mentions, lists.length);
    for (let k = 0; k < lists.length; k++) {
      if (!counts.mentions[k]) continue;
      for (const paper of lists[k]) {
        const t = this.byPaper.get(paper);
        if (!t) continue;
        t.mentions -= counts.mentions[k];
        t.ambiguous -= counts.ambiguous[k];
        t.notes.delete(path);
        if (t.mentions <= 0) this.byPaper.delete(paper);
      }
    }
  }

  private emit(paths: readonly string[]): void {
    this.changes++;
    const change = { paths };
    for (const l of [...this.listeners]) {
      try {
        l(change);
      } catch {
        // A failing listener must not leave the others unnotified or the caller's update half-done.
      }
    }
  }
}

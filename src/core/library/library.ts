// The papers Paper Lens knows right now. A `Library` is assembled from sources — the bundled corpus
// first; later a user's bibliographies, their collection and papers fetched from arXiv — and
// changes while the editor runs: adding, replacing or removing a source makes a new immutable
// `LibrarySnapshot` and fires a change event. Everything above (search, mentions, views) reads a
// snapshot; indexes are built per snapshot, lazily (paperLens.ts), so a reader holding an old
// snapshot is never disturbed by a rebuild.
//
// Papers from different sources that are the same work — same arXiv id, or same DOI — merge into
// one paper: the first source's fields win (the bundled corpus is curated), the later ones fill what
// it lacks and add their citation key as a name, and `origins` remembers every source.
import { normalizeArxivId } from './arxivId';
import { normalizeDoi } from './doi';
import { aliasKey } from './nameKeys';
import type { Alias, Paper, PaperOrigin, Topic } from './model';

export type SourceKind = 'bundled' | 'bibliography' | 'collection' | 'fetched';

/** A problem a source or the merge found, where a person can act on it. */
export interface LibraryProblem {
  /** The file (or source label) and 1-based line it concerns, when known. */
  file?: string;
  line?: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface PaperSource {
  /** Stable across reloads: 'bundled', or the file's path for a bibliography. */
  readonly id: string;
  readonly kind: SourceKind;
  /** What the UI calls it: "Bundled corpus", "references.bib". */
  readonly label: string;
  /** The file it was read from, if any. */
  readonly file?: string;
  readonly papers: readonly Paper[];
  /** Topics it defines (the bundled corpus's curated taxonomy). */
  readonly topics?: readonly Topic[];
  /** What went wrong reading it (every valid entry is still in `papers`). */
  readonly problems?: readonly LibraryProblem[];
}

export interface Disposable {
  dispose(): void;
}

/** An immutable view of the library at one version, with the lookups every feature needs. */
export class LibrarySnapshot {
  readonly papers: readonly Paper[];
  readonly topics: readonly Topic[];
  /** Problems of every source, then those the merge found (duplicate keys across files). */
  readonly problems: readonly LibraryProblem[];
  private readonly byId: Map<string, Paper>;
  private readonly byName: Map<string, Paper[]>;
  private readonly byArxiv: Map<string, Paper>;
  private readonly byDoi: Map<string, Paper>;
  private readonly byKey: Map<string, Paper>;
  private readonly topicById: Map<string, Topic>;
  private readonly primaryTopicPapers: Map<string, Paper[]>;

  /** Merges `sources` now; `built` is what a `SnapshotBuilder` already merged (`buildAsync`). */
  constructor(readonly version: number, readonly sources: readonly PaperSource[], built?: BuiltSnapshot) {
    let parts = built;
    if (!parts) {
      const builder = new SnapshotBuilder(sources);
      builder.step(Infinity);
      parts = builder.result();
    }
    this.papers = parts.papers;
    this.topics = parts.topics;
    this.problems = parts.problems;
    this.byId = parts.byId;
    this.byName = parts.byName;
    this.byArxiv = parts.byArxiv;
    this.byDoi = parts.byDoi;
    this.byKey = parts.byKey;
    this.topicById = parts.topicById;
    this.primaryTopicPapers = parts.primaryTopicPapers;
  }

  /**
   * The same snapshot as `new LibrarySnapshot(version, sources)`, merged in slices of about
   * `sliceMs` with the event loop free between them: merging a 20,000-entry library at once held
   * the editor's thread for ~0.5 s (bench/libraryBench.ts).
   */
  static async buildAsync(version: number, sources: readonly PaperSource[], sliceMs = MERGE_SLICE_MS): Promise<LibrarySnapshot> {
    return new LibrarySnapshot(version, sources, await mergeInSlices(sources, sliceMs));
  }

  get size(): number {
    return this.papers.length;
  }

  paper(id: string): Paper | undefined {
    return this.byId.get(id);
  }

  topic(id: string): Topic | undefined {
    return this.topicById.get(id);
  }

  /** The paper with this arXiv id (any form `normalizeArxivId` reads), if the library has it. */
  paperByArxiv(id: string): Paper | undefined {
    const norm = normalizeArxivId(id);
    return norm ? this.byArxiv.get(norm) : undefined;
  }

  paperByDoi(doi: string): Paper | undefined {
    const norm = normalizeDoi(doi);
    return norm ? this.byDoi.get(norm) : undefined;
  }

  /** The paper a citation key names: a user library's key, or an id. */
  paperByKey(key: string): Paper | undefined {
    return this.byKey.get(key) ?? this.byId.get(key);
  }

  /** Papers whose primary topic is `topicId` (or, with `anyPosition`, that have it at all). */
  papersInTopic(topicId: string, anyPosition = false): Paper[] {
    if (!anyPosition) return [...(this.primaryTopicPapers.get(topicId) ?? [])];
    return this.papers.filter(p => p.topics.includes(topicId));
  }

  /**
   * Papers a user means by an id ("2410.10819", "arXiv:2410.10819v2"), a citation key, a name
   * ("DuoAttention", "giraffe") or a title: several when the name is ambiguous, none when unknown.
   */
  lookup(query: string): Paper[] {
    const q = typeof query === 'string' ? query.trim() : '';
    if (!q) return [];
    const byId = this.byId.get(q) ?? this.byKey.get(q);
    if (byId) return [byId];
    const arxiv = normalizeArxivId(q);
    if (arxiv) {
      const p = this.byArxiv.get(arxiv);
      return p ? [p] : [];
    }
    return [...(this.byName.get(aliasKey(q)) ?? [])];
  }
}

/**
 * Slices of a merge run this long before yielding. At ~25 µs a paper (20,123 papers merged and
 * keyed in ~0.5 s on the 2-core bench machine), 10 ms is ~400 papers: short enough to keep the
 * editor's largest stall far under 50 ms, long enough that yields (~0.1 ms each) cost little.
 */
const MERGE_SLICE_MS = 10;
/** Papers merged between looks at the clock: a look costs about as much as a paper. */
const CLOCK_EVERY = 32;

function yieldToEventLoop(): Promise<void> {
  return new Promise<void>(resolve => setImmediate(resolve));
}

async function mergeInSlices(sources: readonly PaperSource[], sliceMs: number): Promise<BuiltSnapshot> {
  const builder = new SnapshotBuilder(sources);
  while (!builder.step(performance.now() + sliceMs)) await yieldToEventLoop();
  return builder.result();
}

/** What a snapshot holds, as a `SnapshotBuilder` makes it. */
interface BuiltSnapshot {
  papers: Paper[];
  topics: Topic[];
  problems: LibraryProblem[];
  byId: Map<string, Paper>;
  byName: Map<string, Paper[]>;
  byArxiv: Map<string, Paper>;
  byDoi: Map<string, Paper>;
  byKey: Map<string, Paper>;
  topicById: Map<string, Topic>;
  primaryTopicPapers: Map<string, Paper[]>;
}

/**
 * Merges sources into a snapshot's papers and lookups in steps that can stop at a deadline and go
 * on later: the one merge both the synchronous constructor and `buildAsync` run, so a sliced
 * merge gives the same snapshot. Papers merge in source order; duplicate keys become problems.
 */
class SnapshotBuilder {
  private readonly papers: Paper[] = [];
  private readonly problems: LibraryProblem[];
  private readonly topics: Topic[] = [];
  private readonly topicById = new Map<string, Topic>();
  // Slots in `papers` by id, arXiv id, DOI and citation key, while merging.
  private readonly slotById = new Map<string, number>();
  private readonly slotByArxiv = new Map<string, number>();
  private readonly slotByDoi = new Map<string, number>();
  private readonly slotByKey = new Map<string, number>();
  private readonly firstSeenAt = new Map<string, string>();
  private readonly byName = new Map<string, Paper[]>();
  private readonly primaryTopicPapers = new Map<string, Paper[]>();
  /** Where the merge is: source and paper in it; then `keyed` papers have their names keyed. */
  private sourceAt = 0;
  private paperAt = 0;
  private keyed = 0;
  private merged = false;
  /** The lookups filled from the slots once all is merged: which one, and how far. */
  private readonly lookups = [this.slotById, this.slotByArxiv, this.slotByDoi, this.slotByKey].map(slots => ({ slots, into: new Map<string, Paper>() }));
  private lookupAt = 0;
  private lookupEntries: IterableIterator<[string, number]> | undefined;
  private built: BuiltSnapshot | undefined;

  constructor(private readonly sources: readonly PaperSource[]) {
    this.problems = sources.flatMap(s => s.problems ?? []);
    for (const source of sources) {
      for (const t of source.topics ?? []) {
        if (this.topicById.has(t.id)) continue;
        this.topicById.set(t.id, t);
        this.topics.push(t);
      }
    }
  }

  /** Works until done (true) or `deadline` (performance.now()) has passed (false). */
  step(deadline: number): boolean {
    let work = 0;
    const late = () => ++work % CLOCK_EVERY === 0 && deadline !== Infinity && performance.now() > deadline;
    while (!this.merged) {
      const source = this.sources[this.sourceAt];
      if (!source) {
        this.merged = true;
        break;
      }
      const incoming = source.papers[this.paperAt++];
      if (this.paperAt >= source.papers.length) {
        this.sourceAt++;
        this.paperAt = 0;
      }
      if (incoming) this.mergePaper(source, incoming);
      if (late()) return false;
    }
    while (this.keyed < this.papers.length) {
      this.keyPaper(this.papers[this.keyed++]);
      if (late()) return false;
    }
    // The lookups by id, arXiv id, DOI and key, from the slots: ~50 ms at 20,123 papers at once
    // (profiled), so they are filled in steps too.
    const { papers, lookups } = this;
    while (this.lookupAt < lookups.length) {
      const { slots, into } = lookups[this.lookupAt];
      const entries = (this.lookupEntries ??= slots.entries());
      for (let next = entries.next(); !next.done; next = entries.next()) {
        into.set(next.value[0], papers[next.value[1]]);
        if (late()) return false;
      }
      this.lookupAt++;
      this.lookupEntries = undefined;
    }
    return true;
  }

  /** The snapshot's parts; `step` must have returned true. */
  result(): BuiltSnapshot {
    if (this.built) return this.built;
    const [byId, byArxiv, byDoi, byKey] = this.lookups.map(l => l.into);
    this.built = {
      papers: this.papers, topics: this.topics, problems: this.problems,
      byId, byArxiv, byDoi, byKey,
      byName: this.byName, topicById: this.topicById, primaryTopicPapers: this.primaryTopicPapers,
    };
    return this.built;
  }

  private mergePaper(source: PaperSource, incoming: Paper): void {
    if (typeof incoming.id !== 'string' || !incoming.id) return;
    const { papers, slotById, slotByArxiv, slotByDoi, slotByKey, firstSeenAt } = this;
    const origin: PaperOrigin = incoming.origins?.[0] ?? { source: source.id, key: incoming.id, ...(source.file ? { file: source.file } : {}) };
    const arxiv = incoming.arxiv ? normalizeArxivId(incoming.arxiv) : undefined;
    const doi = incoming.doi ? normalizeDoi(incoming.doi) : undefined;
    const same = (arxiv !== undefined ? slotByArxiv.get(arxiv) : undefined) ?? (doi ? slotByDoi.get(doi) : undefined);
    if (same !== undefined) {
      const merged = mergePapers(papers[same], incoming, origin);
      papers[same] = merged;
      if (merged.arxiv) slotByArxiv.set(merged.arxiv, same);
      if (merged.doi) slotByDoi.set(merged.doi, same);
      if (incoming.citationKey && !slotByKey.has(incoming.citationKey)) slotByKey.set(incoming.citationKey, same);
      return;
    }
    const key = incoming.citationKey ?? incoming.id;
    if (slotById.has(incoming.id) || slotByKey.has(key)) {
      this.problems.push({
        ...(origin.file ? { file: origin.file } : {}),
        ...(origin.line ? { line: origin.line } : {}),
        message: `duplicate key '${key}' (first in ${firstSeenAt.get(key) ?? 'another source'}); this entry is skipped`,
        severity: 'warning',
      });
      return;
    }
    const paper: Paper = { ...incoming, origins: [origin] };
    if (arxiv) paper.arxiv = arxiv;
    else delete paper.arxiv;
    if (doi) paper.doi = doi;
    else delete paper.doi;
    const slot = papers.length;
    papers.push(paper);
    slotById.set(paper.id, slot);
    slotByKey.set(key, slot);
    if (arxiv) slotByArxiv.set(arxiv, slot);
    if (doi) slotByDoi.set(doi, slot);
    firstSeenAt.set(key, origin.file ? `${origin.file}${origin.line ? `:${origin.line}` : ''}` : source.label);
  }

  private keyName(p: Paper, name: string): void {
    const key = aliasKey(name);
    if (!key) return;
    const list = this.byName.get(key);
    if (!list) this.byName.set(key, [p]);
    else if (!list.includes(p)) list.push(p);
  }

  /** Files a merged paper under its names and its primary topic. */
  private keyPaper(p: Paper): void {
    // No set of the names first: a repeated name finds `p` already in its list, so the lookup is
    // the same, without a set and two arrays per paper (~0.1 s of a 20,123-paper merge, profiled).
    this.keyName(p, p.title);
    if (p.arxivTitle) this.keyName(p, p.arxivTitle);
    if (p.shortName) this.keyName(p, p.shortName);
    for (const a of p.aliases) this.keyName(p, a.name);
    const primary = p.topics[0];
    if (primary !== undefined) {
      const list = this.primaryTopicPapers.get(primary);
      if (list) list.push(p);
      else this.primaryTopicPapers.set(primary, [p]);
    }
  }
}

/**
 * One paper from two records of the same work: `first`'s fields win, `later` fills what `first`
 * lacks, its citation key becomes a name and (if `first` has none) the key references use.
 */
function mergePapers(first: Paper, later: Paper, origin: PaperOrigin): Paper {
  const merged: Paper = { ...first, origins: [...(first.origins ?? []), origin] };
  if (!merged.abstract && later.abstract) merged.abstract = later.abstract;
  if (!merged.arxiv && later.arxiv) merged.arxiv = normalizeArxivId(later.arxiv) ?? later.arxiv;
  if (!merged.doi && later.doi) merged.doi = normalizeDoi(later.doi) ?? merged.doi;
  if (merged.year === undefined && later.year !== undefined) merged.year = later.year;
  if (merged.month === undefined && later.month !== undefined) merged.month = later.month;
  if (!merged.firstAuthor && later.firstAuthor) merged.firstAuthor = later.firstAuthor;
  if (!merged.authors?.length && later.authors?.length) merged.authors = later.authors;
  if (!merged.venue && later.venue) merged.venue = later.venue;
  if (!merged.topics.length && later.topics.length) merged.topics = later.topics;
  if (later.citationKey) {
    if (!merged.citationKey) merged.citationKey = later.citationKey;
    const keyName = aliasKey(later.citationKey);
    if (!merged.aliases.some(a => aliasKey(a.name) === keyName)) {
      const alias: Alias = { name: later.citationKey, origin: 'key' };
      merged.aliases = [...merged.aliases, alias];
    }
  }
  const links = [...merged.links];
  for (const l of later.links) if (!links.some(k => k.url === l.url)) links.push(l);
  merged.links = links;
  return merged;
}

/**
 * The papers Paper Lens knows, as a sequence of snapshots. Sources keep their order of first
 * addition (the bundled corpus first, so its curated fields win a merge); replacing a source
 * (a reloaded file) keeps its place.
 */
export class Library {
  private sources: PaperSource[] = [];
  private current: LibrarySnapshot;
  private readonly listeners = new Set<(snapshot: LibrarySnapshot) => void>();
  /** Per source id, the number of its latest change: a sliced merge overtaken by a later change of its source is dropped. */
  private readonly latestChange = new Map<string, number>();
  private changes = 0;

  constructor(sources: readonly PaperSource[] = []) {
    this.sources = dedupeById(sources);
    this.current = new LibrarySnapshot(1, this.sources);
  }

  /** The library as it is now. Cheap: the same object until a source changes. */
  snapshot(): LibrarySnapshot {
    return this.current;
  }

  get version(): number {
    return this.current.version;
  }

  /** Adds `source`, or replaces the source with its id in place. */
  setSource(source: PaperSource): LibrarySnapshot {
    this.latestChange.set(source.id, ++this.changes);
    return this.publish(withSource(this.sources, source));
  }

  /**
   * `setSource`, merging in slices with the event loop free between them (a 20,000-entry source
   * held the editor's thread ~0.5 s when merged at once); the same snapshot as `setSource`. If
   * another source changes meanwhile, the merge starts over on top of that change; if this source
   * is set or removed again meanwhile, the later change wins and this one is dropped. Resolves
   * with the library's snapshot once done.
   */
  async setSourceAsync(source: PaperSource, sliceMs = MERGE_SLICE_MS): Promise<LibrarySnapshot> {
    const change = ++this.changes;
    this.latestChange.set(source.id, change);
    for (;;) {
      const base = this.sources;
      const next = withSource(base, source);
      const built = await mergeInSlices(next, sliceMs);
      if (this.latestChange.get(source.id) !== change) return this.current;
      if (this.sources === base) return this.publish(next, built);
    }
  }

  /** Removes the source with this id; returns the snapshot (unchanged when there was none). */
  removeSource(id: string): LibrarySnapshot {
    this.latestChange.set(id, ++this.changes);
    if (!this.sources.some(s => s.id === id)) return this.current;
    return this.publish(this.sources.filter(s => s.id !== id));
  }

  /** The current source with this id. */
  source(id: string): PaperSource | undefined {
    return this.sources.find(s => s.id === id);
  }

  /** Calls `listener` with each new snapshot. */
  onDidChange(listener: (snapshot: LibrarySnapshot) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private publish(sources: PaperSource[], built?: BuiltSnapshot): LibrarySnapshot {
    this.sources = sources;
    this.current = new LibrarySnapshot(this.current.version + 1, sources, built);
    for (const listener of [...this.listeners]) {
      try {
        listener(this.current);
      } catch {
        // A failing listener must not keep the others from hearing of the change.
      }
    }
    return this.current;
  }
}

/** `sources` with `source` added, or in place of the source with its id. */
function withSource(sources: readonly PaperSource[], source: PaperSource): PaperSource[] {
  const at = sources.findIndex(s => s.id === source.id);
  const next = [...sources];
  if (at >= 0) next[at] = source;
  else next.push(source);
  return next;
}

function dedupeById(sources: readonly PaperSource[]): PaperSource[] {
  const out: PaperSource[] = [];
  for (const s of sources) {
    const at = out.findIndex(o => o.id === s.id);
    if (at >= 0) out[at] = s;
    else out.push(s);
  }
  return out;
}

// The corpus at run time: papers and topics with the lookups every feature needs.
import { aliasKey } from './corpusBuilder';
import type { CorpusData, Paper, Topic } from './model';

export class CorpusFormatError extends Error {}

export class Corpus {
  readonly papers: readonly Paper[];
  readonly topics: readonly Topic[];
  private readonly byId = new Map<string, Paper>();
  private readonly byName = new Map<string, Paper[]>();
  private readonly topicById = new Map<string, Topic>();

  constructor(data: CorpusData) {
    this.papers = data.papers;
    this.topics = data.topics;
    for (const t of data.topics) this.topicById.set(t.id, t);
    for (const p of data.papers) {
      this.byId.set(p.id, p);
      const names = new Set([p.title, ...(p.arxivTitle ? [p.arxivTitle] : []), ...(p.shortName ? [p.shortName] : []), ...p.aliases.map(a => a.name)]);
      for (const n of names) {
        const key = aliasKey(n);
        const list = this.byName.get(key) ?? [];
        if (!list.includes(p)) list.push(p);
        this.byName.set(key, list);
      }
    }
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

  /** Papers whose primary topic is `topicId` (or, with `anyPosition`, that have it at all). */
  papersInTopic(topicId: string, anyPosition = false): Paper[] {
    return this.papers.filter(p => (anyPosition ? p.topics.includes(topicId) : p.topics[0] === topicId));
  }

  /**
   * Papers a user means by an id ("2410.10819", "arXiv:2410.10819v2"), a name ("DuoAttention",
   * "giraffe") or a title: several when the name is ambiguous, none when unknown.
   */
  lookup(query: string): Paper[] {
    const q = query.trim();
    if (!q) return [];
    const id = /^(?:arxiv:)?(\d{4}\.\d{4,5})(?:v\d+)?$/i.exec(q);
    if (id) {
      const p = this.byId.get(id[1]);
      return p ? [p] : [];
    }
    return [...(this.byName.get(aliasKey(q)) ?? [])];
  }
}

/** Parses dist/corpus.json (or a user's equivalent), checking the shape before anything trusts it. */
export function parseCorpus(json: string): Corpus {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new CorpusFormatError(`corpus is not valid JSON: ${(e as Error).message}`);
  }
  const d = data as Partial<CorpusData>;
  if (!d || typeof d !== 'object' || d.schema !== 1 || !Array.isArray(d.papers) || !Array.isArray(d.topics)) {
    throw new CorpusFormatError('corpus file has an unknown format (expected { schema: 1, topics: [...], papers: [...] }); rebuild with `npm run build`');
  }
  return new Corpus(d as CorpusData);
}

// Builds the bundled corpus from its sources: the raw listing (titles + abstracts), the arXiv
// metadata, and the hand curation (topics, alias corrections). Every problem is collected and
// reported at once, so one build run tells the curator everything that needs fixing.
import type { Lexicon } from '../../src/core/library/lexicon';
import { deriveNames, isStrictName, makeCorpusFrequency, spellingVariants } from '../../src/core/library/nameDerivation';
import { paperLinks } from '../../src/core/library/links';
import type { Alias, CorpusData, Paper, Topic } from '../../src/core/library/model';
import { aliasKey } from '../../src/core/library/nameKeys';
import { parseSeed, SeedParseError } from '../../src/core/sources/dailyListing';

export interface MetadataEntry {
  title: string;
  arxiv: string;
  year: number;
  month: number;
  first_author: string;
  other_arxiv_title?: string;
}

export interface PaperCuration {
  /** The start of the paper's title: guards against curating the wrong id. */
  title: string;
  /** Topic ids, primary first, at most three. */
  topics: string[];
  /** Overrides the derived short name; null marks a paper without one. */
  shortName?: string | null;
  /** Names to add. */
  aliases?: string[];
  /** Derived names that are wrong for this paper. */
  excludeAliases?: string[];
  /** Names shared with another paper on purpose (both papers must say so). */
  ambiguous?: string[];
  /** Names to match with exact case only, beyond those derived as strict. */
  strict?: string[];
}

export interface Curation {
  topics: Topic[];
  papers: Record<string, PaperCuration>;
}

/**
 * data/search-phrases.json: per arXiv id, the paper's title start (the same guard as the curation)
 * and the phrases a searcher might use for it.
 */
export type SearchPhrases = Record<string, { title: string; phrases: string[] }>;

/** Longest search phrase: a query someone would type, not a paragraph. */
export const MAX_SEARCH_PHRASE_LENGTH = 160;

export class CorpusBuildError extends Error {
  constructor(readonly problems: string[]) {
    super(`corpus build failed with ${problems.length} problem(s):\n${problems.map(p => `  - ${p}`).join('\n')}`);
  }
}

const ARXIV_ID = /^\d{4}\.\d{4,5}$/;
const TOPIC_ID = /^[a-z][a-z0-9-]*$/;
export const MAX_TOPICS_PER_PAPER = 3;
/** What fits beside a count in the sidebar at its default width (~300 px). */
export const MAX_SHORT_LABEL = 24;
export const MIN_PAPERS_PER_TOPIC = 3;

export function buildCorpus(seedText: string, metadata: MetadataEntry[], curation: Curation, lexicon: Lexicon, searchPhrases: SearchPhrases = {}): CorpusData {
  const problems: string[] = [];

  let entries: ReturnType<typeof parseSeed> = [];
  try {
    entries = parseSeed(seedText);
  } catch (e) {
    throw new CorpusBuildError([`source listing: ${e instanceof SeedParseError ? e.message : String(e)}`]);
  }

  // Topics.
  const topicIds = new Set<string>();
  for (const t of curation.topics ?? []) {
    if (!t.id || !TOPIC_ID.test(t.id)) problems.push(`topic id "${t.id}" must be lower-case words joined by hyphens`);
    if (topicIds.has(t.id)) problems.push(`duplicate topic id "${t.id}"`);
    topicIds.add(t.id);
    if (!t.label?.trim()) problems.push(`topic "${t.id}" has no label`);
    if (t.shortLabel !== undefined && (!t.shortLabel.trim() || t.shortLabel.length > MAX_SHORT_LABEL)) problems.push(`topic "${t.id}": shortLabel must be 1-${MAX_SHORT_LABEL} characters`);
    if (!t.description?.trim()) problems.push(`topic "${t.id}" has no description`);
  }

  // Metadata joins the listing by exact title.
  const metaByTitle = new Map<string, MetadataEntry>();
  const seenIds = new Map<string, string>();
  for (const m of metadata) {
    if (!ARXIV_ID.test(m.arxiv ?? '')) problems.push(`metadata for "${m.title}": "${m.arxiv}" is not an arXiv id (NNNN.NNNNN)`);
    if (seenIds.has(m.arxiv)) problems.push(`duplicate id ${m.arxiv}: "${seenIds.get(m.arxiv)}" and "${m.title}"`);
    seenIds.set(m.arxiv, m.title);
    if (metaByTitle.has(m.title)) problems.push(`metadata lists the title "${m.title}" twice`);
    metaByTitle.set(m.title, m);
    if (!entries.some(e => e.title === m.title)) problems.push(`metadata title matches no paper in the listing: "${m.title}"`);
    if (!Number.isInteger(m.year) || m.year < 1990 || m.year > 2100) problems.push(`${m.arxiv}: bad year ${m.year}`);
    if (!Number.isInteger(m.month) || m.month < 1 || m.month > 12) problems.push(`${m.arxiv}: bad month ${m.month}`);
    if (!m.first_author?.trim()) problems.push(`${m.arxiv}: no first author`);
  }

  const frequency = makeCorpusFrequency(entries.map(e => `${e.title}\n${e.abstract}`));
  const papers: Paper[] = [];
  for (const entry of entries) {
    const meta = metaByTitle.get(entry.title);
    if (!meta) {
      problems.push(`line ${entry.line}: paper "${entry.title}" has no metadata entry`);
      continue;
    }
    const id = meta.arxiv;
    const cur = curation.papers?.[id];
    if (!cur) {
      problems.push(`${id} "${entry.title}" has no curation entry (it needs at least a topic)`);
      continue;
    }
    if (cur.title && !entry.title.startsWith(cur.title)) {
      problems.push(`curation for ${id} says "${cur.title}…" but the paper is "${entry.title}"`);
    }
    if (!cur.topics?.length) problems.push(`${id} "${entry.title}" has no topic`);
    if ((cur.topics?.length ?? 0) > MAX_TOPICS_PER_PAPER) problems.push(`${id} has ${cur.topics.length} topics; at most ${MAX_TOPICS_PER_PAPER} (primary + two)`);
    for (const t of cur.topics ?? []) if (!topicIds.has(t)) problems.push(`${id} has unknown topic "${t}"`);
    if (new Set(cur.topics ?? []).size !== (cur.topics ?? []).length) problems.push(`${id} lists a topic twice`);

    const links = paperLinks(id, entry.abstract);
    const derived = deriveNames({ title: entry.title, abstract: entry.abstract, links }, lexicon, frequency);
    let aliases: Alias[] = derived.aliases;
    for (const name of cur.excludeAliases ?? []) {
      if (!aliases.some(a => a.name === name)) problems.push(`${id}: excludeAliases names "${name}", which is not derived (stale curation?)`);
    }
    const excluded = new Set(cur.excludeAliases ?? []);
    aliases = aliases.filter(a => !excluded.has(a.name));
    for (const name of cur.aliases ?? []) {
      if (aliases.some(a => a.name === name)) {
        problems.push(`${id}: curated alias "${name}" is already derived; remove it from data/curation.json`);
        continue;
      }
      aliases.push({ name, origin: 'curated' });
      for (const v of spellingVariants(name, lexicon)) {
        if (!aliases.some(a => a.name === v)) aliases.push({ name: v, origin: 'variant' });
      }
    }
    for (const a of aliases) {
      // Curated names follow the same strictness rule as derived ones.
      if (a.origin === 'curated' && isStrictName(a.name, lexicon)) a.strict = true;
      if (cur.strict?.includes(a.name)) a.strict = true;
      if (cur.ambiguous?.some(n => aliasKey(n) === aliasKey(a.name))) a.ambiguous = true;
    }
    for (const n of cur.ambiguous ?? []) {
      if (!aliases.some(a => aliasKey(a.name) === aliasKey(n))) problems.push(`${id}: ambiguous name "${n}" is not one of its aliases`);
    }
    for (const n of cur.strict ?? []) {
      if (!aliases.some(a => a.name === n)) problems.push(`${id}: strict name "${n}" is not one of its aliases`);
    }

    let shortName = cur.shortName === undefined ? derived.shortName : cur.shortName;
    if (shortName !== null && !shortName.trim()) shortName = null;

    const paper: Paper = {
      id,
      arxiv: id,
      title: entry.title,
      abstract: entry.abstract,
      year: meta.year,
      month: meta.month,
      firstAuthor: meta.first_author,
      shortName,
      aliases,
      topics: cur.topics ?? [],
      links,
    };
    if (meta.other_arxiv_title && meta.other_arxiv_title !== entry.title) paper.arxivTitle = meta.other_arxiv_title;
    const phrases = searchPhrases[id];
    if (phrases) {
      const checked = checkSearchPhrases(id, entry.title, phrases, problems);
      if (checked.length) paper.searchPhrases = checked;
    }
    papers.push(paper);
  }

  for (const id of Object.keys(curation.papers ?? {})) {
    if (!seenIds.has(id)) problems.push(`curation has an entry for ${id}, which is not in the metadata`);
  }
  for (const id of Object.keys(searchPhrases)) {
    if (!seenIds.has(id)) problems.push(`search phrases have an entry for ${id}, which is not in the metadata`);
  }

  // A name may belong to one paper only, unless every paper claiming it marks it ambiguous.
  const claims = new Map<string, { paper: Paper; alias: Alias }[]>();
  for (const paper of papers) {
    const keys = new Set<string>();
    for (const alias of paper.aliases) {
      const key = aliasKey(alias.name);
      if (keys.has(key)) continue;
      keys.add(key);
      claims.set(key, [...(claims.get(key) ?? []), { paper, alias }]);
    }
  }
  for (const [, owners] of claims) {
    if (owners.length < 2) continue;
    const unmarked = owners.filter(o => !o.paper.aliases.some(a => aliasKey(a.name) === aliasKey(o.alias.name) && a.ambiguous));
    if (unmarked.length) {
      problems.push(`alias "${owners[0].alias.name}" is claimed by ${owners.map(o => `${o.paper.id} (${o.alias.name})`).join(' and ')}; mark it "ambiguous" on each, or exclude it from all but one`);
    }
  }

  // Topic sizes.
  for (const id of topicIds) {
    const primary = papers.filter(p => p.topics[0] === id).length;
    if (primary < MIN_PAPERS_PER_TOPIC) problems.push(`topic "${id}" is the primary topic of ${primary} paper(s); at least ${MIN_PAPERS_PER_TOPIC} needed`);
  }

  if (problems.length) throw new CorpusBuildError(problems);
  return { schema: 1, topics: curation.topics, papers };
}

/** The phrases of one paper, trimmed; each problem (wrong paper, empty, too long, repeated) noted. */
function checkSearchPhrases(id: string, title: string, entry: SearchPhrases[string], problems: string[]): string[] {
  if (!entry || typeof entry !== 'object' || !Array.isArray(entry.phrases)) {
    problems.push(`search phrases for ${id}: expected { "title": "…", "phrases": ["…"] }`);
    return [];
  }
  if (typeof entry.title !== 'string' || !entry.title || !title.startsWith(entry.title)) {
    problems.push(`search phrases for ${id} say "${String(entry.title)}…" but the paper is "${title}"`);
  }
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of entry.phrases) {
    const phrase = typeof raw === 'string' ? raw.trim().replace(/\s+/g, ' ') : '';
    if (!phrase) problems.push(`search phrases for ${id}: an empty or non-text phrase`);
    else if (phrase.length > MAX_SEARCH_PHRASE_LENGTH) problems.push(`search phrases for ${id}: "${phrase.slice(0, 40)}…" is longer than ${MAX_SEARCH_PHRASE_LENGTH} characters`);
    else if (seen.has(phrase.toLowerCase())) problems.push(`search phrases for ${id}: "${phrase}" is listed twice`);
    else {
      seen.add(phrase.toLowerCase());
      out.push(phrase);
    }
  }
  return out;
}

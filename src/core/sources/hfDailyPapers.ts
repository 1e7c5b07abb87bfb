// Reader of the Hugging Face daily-papers API (`https://huggingface.co/api/daily_papers?date=YYYY-MM-DD`):
// a JSON array with one item per paper featured that day, shaped (fields this reader uses marked *)
//
//   { paper: { id*, title*, summary*, authors*: [{ _id, name*, hidden, user? }], publishedAt*,
//              submittedOnDailyAt, upvotes, discussionId, githubRepo*, projectPage*, ai_summary, … },
//     publishedAt, title*, thumbnail, numComments, submittedBy, isAuthorParticipating, … }
//
// `paper.id` is the arXiv id, `paper.publishedAt` the arXiv submission date (the item's own
// `publishedAt` is the day it was featured). The API has no published schema; this shape is what it
// returns and what its public clients read. Items become the records the arXiv reader produces
// (categories empty: the listing has none). Every item is checked on its own: a partial or
// malformed one becomes a problem and the valid ones are kept. Strings are plain text: whitespace
// normalised, nothing interpreted as HTML. Never throws.
import { parseArxivId } from '../library/arxivId';
import { type ArxivLink, type ArxivRecord, MAX_FEED_CHARS, cleanText, parseIsoDate, safeHttpUrl, snippet } from './arxivAtom';

/** An item that could not be read; `index` is its position in the array. */
export interface HfDailyPaperProblem {
  index: number;
  id?: string;
  message: string;
}

export interface HfDailyPapers {
  records: ArxivRecord[];
  problems: HfDailyPaperProblem[];
}

export interface HfDailyPapersError {
  kind: 'malformed';
  message: string;
}

export type HfDailyPapersResult = { ok: true; papers: HfDailyPapers } | { ok: false; error: HfDailyPapersError };

/** Parses the API's JSON text. Never throws. */
export function parseHfDailyPapers(json: string): HfDailyPapersResult {
  if (typeof json !== 'string') return malformed('the answer is not text');
  if (json.length > MAX_FEED_CHARS) return malformed(`the answer is too large (${json.length} characters)`);
  let value: unknown;
  try {
    value = JSON.parse(json.replace(/^\ufeff/, ''));
  } catch {
    return malformed(json.trim() ? `the answer is not JSON (it starts "${snippet(json)}")` : 'the answer is empty');
  }
  return readHfDailyPapers(value);
}

/** Reads the API's already-parsed JSON. Never throws. */
export function readHfDailyPapers(value: unknown): HfDailyPapersResult {
  try {
    if (!Array.isArray(value)) {
      // The API says what went wrong as {"error": "…"}.
      const said = isObject(value) && typeof value.error === 'string' ? `: ${snippet(value.error, 200)}` : '';
      return malformed(`the answer is not a list of papers${said}`);
    }
    const papers: HfDailyPapers = { records: [], problems: [] };
    const seen = new Set<string>();
    value.forEach((item, index) => {
      const read = readItem(item);
      if (typeof read === 'string') {
        papers.problems.push({ index, message: read });
      } else if ('message' in read) {
        papers.problems.push({ index, id: read.id, message: read.message });
      } else if (seen.has(read.arxiv)) {
        papers.problems.push({ index, id: read.arxiv, message: 'the paper is listed twice' });
      } else {
        seen.add(read.arxiv);
        papers.records.push(read);
      }
    });
    return { ok: true, papers };
  } catch (e) {
    return malformed(`the answer could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
}

function malformed(message: string): HfDailyPapersResult {
  return { ok: false, error: { kind: 'malformed', message } };
}

/** A record, a problem naming the paper's id, or a problem message for an item without one. */
function readItem(item: unknown): ArxivRecord | { id: string; message: string } | string {
  if (!isObject(item)) return 'the item is not an object';
  const paper = item.paper;
  if (!isObject(paper)) return 'the item has no paper';
  const rawId = str(paper.id);
  const parsed = parseArxivId(rawId);
  if (!parsed) return rawId ? `the paper id "${snippet(rawId)}" is not an arXiv identifier` : 'the paper has no id';
  const id = parsed.id;
  const title = cleanText(str(paper.title) || str(item.title));
  if (!title) return { id, message: 'the paper has no title' };
  const publishedText = str(paper.publishedAt);
  const published = parseIsoDate(publishedText);
  if (!published) return { id, message: publishedText ? `the paper's date "${snippet(publishedText)}" is not a date` : 'the paper has no date' };
  const authors = (Array.isArray(paper.authors) ? paper.authors : [])
    .map(a => cleanText(isObject(a) ? str(a.name) : ''))
    .filter(name => name !== '');
  const links: ArxivLink[] = [
    { kind: 'abstract', url: `https://arxiv.org/abs/${id}` },
    { kind: 'pdf', url: `https://arxiv.org/pdf/${id}` },
    { kind: 'other', url: `https://huggingface.co/papers/${id}` },
  ];
  for (const raw of [str(paper.githubRepo), str(paper.projectPage)]) {
    const url = safeHttpUrl(raw);
    if (url && !links.some(l => l.url === url)) links.push({ kind: 'other', url });
  }
  const record: ArxivRecord = { arxiv: id, title, abstract: cleanText(str(paper.summary)), authors, published, categories: [], links };
  if (parsed.version) record.version = parsed.version;
  return record;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function str(x: unknown): string {
  return typeof x === 'string' ? x : '';
}

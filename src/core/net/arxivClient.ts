// Looks papers up in the arXiv API (`export.arxiv.org/api/query`, arXiv API User's Manual §3.1):
// by id in `id_list` batches, or by exact title through a `ti:"…"` search for papers that come
// without an id. Polite by construction: one request at a time, starts at least 3 s apart (the API
// terms), a cache consulted first, a short Retry-After honoured once. Every failure is a result,
// never a rejection, with a message a person can act on.
import { parseArxivId } from '../library/arxivId';
import { type ArxivFeed, type ArxivRecord, parseArxivFeed } from '../sources/arxivAtom';
import { type Clock, systemClock } from './clock';
import type { FetchError } from './fetchError';
import { type PoliteGetPolicy, politeGet } from './politeGet';
import { RequestGate } from './requestGate';
import type { HttpTransport } from './transport';

/** Where records already fetched are kept (the extension backs it with its global storage). */
export interface ArxivCache {
  /** `key` is an id without version ("2410.10819") or with the version asked for ("2410.10819v2"). */
  get(key: string): ArxivRecord | undefined | Promise<ArxivRecord | undefined>;
  set(key: string, record: ArxivRecord): void | Promise<void>;
}

export interface ArxivClientOptions {
  transport: HttpTransport;
  /** The query endpoint; a mirror or a local test server can stand in. */
  endpoint?: string;
  cache?: ArxivCache;
  /** Least time between the starts of two requests. The API terms ask for 3 s; tests pass less. */
  minIntervalMs?: number;
  /** Ids per request. */
  batchSize?: number;
  timeoutMs?: number;
  /** A 503 whose Retry-After is at most this is waited out and retried once; longer ones are reported. */
  maxRetryAfterMs?: number;
  clock?: Clock;
}

export const ARXIV_API_ENDPOINT = 'https://export.arxiv.org/api/query';
/** The API terms: "no more than one request every three seconds". */
export const ARXIV_MIN_INTERVAL_MS = 3000;
/**
 * 50 ids make a ~150 KB answer and a ~600-character URL: far from URL-length limits and fast for
 * the API, while a note citing a hundred papers still needs only two requests (6 s apart).
 */
export const ARXIV_BATCH_SIZE = 50;
/** The API can take several seconds on a cold query; past 30 s a person has given up waiting. */
export const ARXIV_TIMEOUT_MS = 30_000;
/** Waiting up to 10 s once is better than failing; longer waits are reported for the person to decide. */
export const ARXIV_MAX_RETRY_AFTER_MS = 10_000;
/** Titles are at most a few hundred characters; a longer "title" is something else. */
const MAX_TITLE_CHARS = 500;
/** Results of a title search read for an exact match: the search ranks the exact title near the top. */
const TITLE_SEARCH_RESULTS = 10;

/** The answer for one id asked for, in the order asked. Plain data. */
export type ArxivLookup =
  | { input: string; id: string; version?: string; ok: true; record: ArxivRecord; cached: boolean }
  | { input: string; id?: string; version?: string; ok: false; error: FetchError };

export type ArxivTitleLookup = { ok: true; record: ArxivRecord } | { ok: false; error: FetchError };

export interface LookupOptions {
  signal?: AbortSignal;
}

interface Wanted {
  /** Cache key and id_list item: the id, with the version when one was asked for. */
  key: string;
  id: string;
  version?: string;
}

type KeyResult = { ok: true; record: ArxivRecord; cached: boolean } | { ok: false; error: FetchError };

export class ArxivClient {
  private readonly endpoint: string;
  private readonly cache: ArxivCache | undefined;
  private readonly batchSize: number;
  private readonly policy: PoliteGetPolicy;

  constructor(options: ArxivClientOptions) {
    const clock = options.clock ?? systemClock;
    this.endpoint = options.endpoint ?? ARXIV_API_ENDPOINT;
    this.cache = options.cache;
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? ARXIV_BATCH_SIZE));
    this.policy = {
      service: 'arXiv',
      transport: options.transport,
      gate: new RequestGate(options.minIntervalMs ?? ARXIV_MIN_INTERVAL_MS, clock),
      clock,
      timeoutMs: options.timeoutMs ?? ARXIV_TIMEOUT_MS,
      maxRetryAfterMs: options.maxRetryAfterMs ?? ARXIV_MAX_RETRY_AFTER_MS,
    };
  }

  /**
   * One result per input, in order: the cached record, or one fetched in `id_list` batches. Inputs
   * are ids as people write them ("arXiv:2410.10819v2", an abs URL, an arXiv DOI). Never rejects.
   */
  async fetch(inputs: readonly string[], options: LookupOptions = {}): Promise<ArxivLookup[]> {
    const results = new Map<string, KeyResult>();
    const wanted = new Map<string, Wanted>();
    const parsed = inputs.map(input => {
      const id = typeof input === 'string' ? parseArxivId(input) : undefined;
      if (!id) return undefined;
      const w: Wanted = { key: id.version ? `${id.id}${id.version}` : id.id, id: id.id, version: id.version };
      if (!w.version) delete w.version;
      wanted.set(w.key, w);
      return w;
    });

    const toFetch: Wanted[] = [];
    for (const w of wanted.values()) {
      const record = await this.cacheGet(w.key);
      if (record) results.set(w.key, { ok: true, record, cached: true });
      else toFetch.push(w);
    }
    const endpointError = this.endpointError();
    for (let i = 0; i < toFetch.length; i += this.batchSize) {
      const batch = toFetch.slice(i, i + this.batchSize);
      const answers = endpointError ? new Map(batch.map(w => [w.key, fail(endpointError)])) : await this.fetchBatch(batch, options.signal, true);
      for (const [key, answer] of answers) results.set(key, answer);
    }

    return inputs.map((input, i) => {
      const w = parsed[i];
      if (!w) return { input: String(input), ok: false, error: { kind: 'invalidInput', message: `"${clip(String(input))}" is not an arXiv identifier` } };
      const r = results.get(w.key) ?? fail({ kind: 'notFound', message: `arXiv has no paper ${w.key}` });
      const base = w.version ? { input, id: w.id, version: w.version } : { input, id: w.id };
      return r.ok ? { ...base, ok: true, record: r.record, cached: r.cached } : { ...base, ok: false, error: r.error };
    });
  }

  /**
   * The paper whose title is exactly `title`, ignoring case, whitespace and punctuation, found with a
   * `ti:"…"` phrase search. Near misses ("…in Speech Separation") are not returned: a wrong paper
   * costs more than a missing one. Never rejects.
   */
  async findByTitle(title: string, options: LookupOptions = {}): Promise<ArxivTitleLookup> {
    const wantedTitle = typeof title === 'string' ? titleKey(title) : '';
    if (!wantedTitle || title.length > MAX_TITLE_CHARS) {
      return { ok: false, error: { kind: 'invalidInput', message: `"${clip(String(title))}" is not a paper title to search for` } };
    }
    const endpointError = this.endpointError();
    if (endpointError) return { ok: false, error: endpointError };
    // The phrase is the title's words only: quotes, colons and parentheses are query syntax.
    const query = `ti:"${wantedTitle}"`;
    const url = `${this.endpoint}${this.endpoint.includes('?') ? '&' : '?'}search_query=${encodeURIComponent(query)}&start=0&max_results=${TITLE_SEARCH_RESULTS}`;
    const feed = await this.getFeed(url, options.signal);
    if (!feed.ok) return feed;
    if (feed.feed.apiErrors.length > 0) return { ok: false, error: apiError(feed.feed) };
    const record = feed.feed.records.find(r => titleKey(r.title) === wantedTitle);
    if (!record) return { ok: false, error: { kind: 'notFound', message: `arXiv has no paper titled "${clip(title)}"` } };
    await this.cacheSet(record.arxiv, record);
    return { ok: true, record };
  }

  /** One request for `batch`; on an error entry naming one id, that id fails and the rest are asked again once. */
  private async fetchBatch(batch: readonly Wanted[], signal: AbortSignal | undefined, mayRetry: boolean): Promise<Map<string, KeyResult>> {
    const answers = new Map<string, KeyResult>();
    const keys = batch.map(w => w.key);
    // Ids come from parseArxivId: letters, digits, `.`, `-`, `/` only, which a query string carries as they are.
    const url = `${this.endpoint}${this.endpoint.includes('?') ? '&' : '?'}id_list=${keys.join(',')}&max_results=${keys.length}`;
    const feed = await this.getFeed(url, signal);
    if (!feed.ok) {
      for (const k of keys) answers.set(k, feed);
      return answers;
    }
    const { records, apiErrors } = feed.feed;
    if (apiErrors.length > 0) {
      const error = apiError(feed.feed);
      // The API names the id it could not take ("incorrect id format for 1234.12345").
      const blamed = batch.filter(w => apiErrors.some(e => mentionsId(`${e.code} ${e.message}`, w.key)));
      for (const w of blamed.length > 0 ? blamed : batch) answers.set(w.key, fail(error));
      const rest = batch.filter(w => !answers.has(w.key));
      if (rest.length > 0) {
        if (!mayRetry) for (const w of rest) answers.set(w.key, fail(error));
        else for (const [k, r] of await this.fetchBatch(rest, signal, false)) answers.set(k, r);
      }
      return answers;
    }
    // Entries come back in no promised order: match them by id. An entry answers a versioned key
    // only with that version, and an unversioned key with any version, preferring one no versioned
    // key claimed.
    const claimed = new Set<ArxivRecord>();
    for (const w of batch) {
      if (!w.version) continue;
      const r = records.find(rec => rec.arxiv === w.id && rec.version === w.version);
      if (r) {
        claimed.add(r);
        answers.set(w.key, { ok: true, record: r, cached: false });
      }
    }
    for (const w of batch) {
      if (w.version) continue;
      const same = records.filter(rec => rec.arxiv === w.id);
      const r = same.find(rec => !claimed.has(rec)) ?? same[0];
      if (r) answers.set(w.key, { ok: true, record: r, cached: false });
    }
    for (const w of batch) {
      const answer = answers.get(w.key);
      if (answer?.ok) await this.cacheSet(w.key, answer.record);
      else answers.set(w.key, fail({ kind: 'notFound', message: `arXiv has no paper ${w.key}` }));
    }
    return answers;
  }

  private async getFeed(url: string, signal: AbortSignal | undefined): Promise<{ ok: true; feed: ArxivFeed } | { ok: false; error: FetchError }> {
    const got = await politeGet(this.policy, url, signal);
    if (!got.ok) return got;
    const parsed = parseArxivFeed(got.response.body);
    if (!parsed.ok) return { ok: false, error: { kind: 'malformed', message: `arXiv's answer could not be read: ${parsed.error.message}` } };
    return parsed;
  }

  private endpointError(): FetchError | undefined {
    return /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(this.endpoint)
      ? undefined
      : { kind: 'invalidInput', message: `the arXiv endpoint "${clip(this.endpoint)}" is not an http(s) URL` };
  }

  // A cache is the host's storage: a failing one must not fail the lookup, only cost a request.
  private async cacheGet(key: string): Promise<ArxivRecord | undefined> {
    try {
      return (await this.cache?.get(key)) ?? undefined;
    } catch {
      return undefined;
    }
  }

  private async cacheSet(key: string, record: ArxivRecord): Promise<void> {
    try {
      await this.cache?.set(key, record);
    } catch {
      // The record is still returned; it will be fetched again next time.
    }
  }
}

function fail(error: FetchError): KeyResult {
  return { ok: false, error };
}

function apiError(feed: ArxivFeed): FetchError {
  return { kind: 'api', message: `arXiv refused the request: ${feed.apiErrors.map(e => e.message).join('; ')}` };
}

/** Whether `text` names `id` as a whole token (not `1234.12345` inside `1234.123456`). */
function mentionsId(text: string, id: string): boolean {
  let at = text.indexOf(id);
  while (at >= 0) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + id.length] ?? ' ';
    if (!/[\w.]/.test(before) && !/\w/.test(after)) return true;
    at = text.indexOf(id, at + 1);
  }
  return false;
}

/**
 * A title reduced to what decides whether two titles are the same: Unicode-normalised, lower case,
 * accents dropped, every run of non-letters and non-digits one space (so "Long-Context LLMs:" and
 * "long context llms" agree, and TeX `$N$` is just "n").
 */
export function titleKey(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function clip(s: string, max = 60): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

// Fetches one day of the Hugging Face daily-papers listing
// (`https://huggingface.co/api/daily_papers?date=YYYY-MM-DD`) and reads it with sources/hfDailyPapers.
// Hugging Face documents no rate limit for this endpoint; requests still go one at a time, and a
// short Retry-After is honoured once, like arXiv's.
import { type ArxivDate, type ArxivRecord, parseIsoDate } from '../sources/arxivAtom';
import { type HfDailyPaperProblem, parseHfDailyPapers } from '../sources/hfDailyPapers';
import { type Clock, systemClock } from './clock';
import type { FetchError } from './fetchError';
import { type PoliteGetPolicy, politeGet } from './politeGet';
import { RequestGate } from './requestGate';
import type { HttpTransport } from './transport';

export const HF_DAILY_PAPERS_ENDPOINT = 'https://huggingface.co/api/daily_papers';

export interface HfDailyPapersClientOptions {
  transport: HttpTransport;
  /** The daily-papers endpoint; a local test server can stand in. */
  endpoint?: string;
  /** Least time between request starts; none is documented, so none by default. */
  minIntervalMs?: number;
  timeoutMs?: number;
  maxRetryAfterMs?: number;
  clock?: Clock;
}

export type HfDailyPapersLookup =
  | { ok: true; date: string; records: ArxivRecord[]; problems: HfDailyPaperProblem[] }
  | { ok: false; error: FetchError };

export class HfDailyPapersClient {
  private readonly endpoint: string;
  private readonly policy: PoliteGetPolicy;

  constructor(options: HfDailyPapersClientOptions) {
    const clock = options.clock ?? systemClock;
    this.endpoint = options.endpoint ?? HF_DAILY_PAPERS_ENDPOINT;
    this.policy = {
      service: 'Hugging Face',
      transport: options.transport,
      gate: new RequestGate(options.minIntervalMs ?? 0, clock),
      clock,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 10_000,
    };
  }

  /** The papers featured on `date` ("2025-02-18" or a date record). Never rejects. */
  async fetch(date: string | ArxivDate, options: { signal?: AbortSignal } = {}): Promise<HfDailyPapersLookup> {
    const day = dayString(date);
    if (!day) return { ok: false, error: { kind: 'invalidInput', message: `"${String(typeof date === 'string' ? date : JSON.stringify(date)).slice(0, 40)}" is not a date (YYYY-MM-DD)` } };
    if (!/^https?:\/\/[^\s/?#]+[^\s]*$/i.test(this.endpoint)) {
      return { ok: false, error: { kind: 'invalidInput', message: `the Hugging Face endpoint "${this.endpoint.slice(0, 60)}" is not an http(s) URL` } };
    }
    const url = `${this.endpoint}${this.endpoint.includes('?') ? '&' : '?'}date=${day}`;
    const got = await politeGet(this.policy, url, options.signal);
    if (!got.ok) return got;
    const parsed = parseHfDailyPapers(got.response.body);
    if (!parsed.ok) return { ok: false, error: { kind: 'malformed', message: `Hugging Face's answer could not be read: ${parsed.error.message}` } };
    return { ok: true, date: day, records: parsed.papers.records, problems: parsed.papers.problems };
  }
}

/** "YYYY-MM-DD" for a real calendar date, else undefined. */
function dayString(date: string | ArxivDate): string | undefined {
  if (typeof date === 'string') {
    return /^\d{4}-\d{2}-\d{2}$/.test(date) && parseIsoDate(date) ? date : undefined;
  }
  if (typeof date !== 'object' || date === null) return undefined;
  const { year, month, day } = date;
  if (![year, month, day].every(Number.isInteger) || year < 1000 || year > 9999) return undefined;
  const s = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return parseIsoDate(s) ? s : undefined;
}

// A local stand-in for the arXiv API and the Hugging Face daily-papers API: Node `http` on
// 127.0.0.1, port 0, so the real Node transport and clients are tested end to end without the
// internet. By default it answers like the services (see apiFixtures.ts); `script()` queues
// one-off behaviours for the next requests: a 503 with Retry-After, malformed XML, a hang, any
// status. It records every request and the most requests it ever had open at once.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArxivId } from '../../../src/core/library/arxivId';
import { DAILY_PAPERS, ENTRIES, atomErrorFeed, atomFeed, emptyEntry } from './apiFixtures';

export type Scripted =
  /** 503 with this Retry-After value (and arXiv's plain-text body). */
  | { kind: 'retryAfter'; value: string }
  /** A feed cut off in the middle of an entry. */
  | { kind: 'malformed' }
  /** Never answers; the connection stays open until the client gives up or the server closes. */
  | { kind: 'hang' }
  | { kind: 'status'; status: number; body?: string; contentType?: string }
  /** Sends the headers and half an answer, then drops the connection. */
  | { kind: 'cutOff' }
  | { kind: 'redirect'; location: string };

export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
}

/** An id the server answers with an entry carrying nothing but its id, as older deployments did. */
export const LEGACY_EMPTY_ID = '2502.99998';

export class FakeApiServer {
  readonly requests: RecordedRequest[] = [];
  maxConcurrent = 0;
  private open = 0;
  private readonly scripted: Scripted[] = [];

  private constructor(private readonly server: http.Server, readonly port: number) {}

  static async start(): Promise<FakeApiServer> {
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const fake = new FakeApiServer(server, (server.address() as AddressInfo).port);
    server.on('request', (req, res) => fake.handle(req, res));
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get arxivEndpoint(): string {
    return `${this.origin}/api/query`;
  }

  get hfEndpoint(): string {
    return `${this.origin}/api/daily_papers`;
  }

  /** The next requests get these behaviours, in order; then the default answers resume. */
  script(...behaviours: Scripted[]): void {
    this.scripted.push(...behaviours);
  }

  async close(): Promise<void> {
    // Hanging requests keep their sockets: close them, or close() would wait for them forever.
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.origin);
    this.requests.push({ path: url.pathname, query: url.searchParams });
    this.open++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.open);
    res.on('close', () => this.open--);
    const behaviour = this.scripted.shift();
    if (behaviour) return this.play(behaviour, res);
    if (url.pathname === '/api/query') return this.arxiv(url.searchParams, res);
    if (url.pathname === '/api/daily_papers') return this.dailyPapers(url.searchParams, res);
    send(res, 404, 'text/plain', 'Not Found');
  }

  private play(b: Scripted, res: http.ServerResponse): void {
    switch (b.kind) {
      case 'retryAfter':
        res.setHeader('retry-after', b.value);
        return send(res, 503, 'text/plain', 'Rate exceeded.');
      case 'malformed':
        return send(res, 200, 'application/atom+xml; charset=UTF-8', atomFeed([ENTRIES['2410.10819']]).slice(0, 1200));
      case 'hang':
        return; // no answer
      case 'status':
        return send(res, b.status, b.contentType ?? 'text/plain', b.body ?? '');
      case 'cutOff': {
        const body = atomFeed([ENTRIES['2410.10819'], ENTRIES['2309.12307']]);
        res.writeHead(200, { 'content-type': 'application/atom+xml', 'content-length': String(Buffer.byteLength(body)) });
        res.write(body.slice(0, 500));
        setImmediate(() => res.destroy());
        return;
      }
      case 'redirect':
        res.setHeader('location', b.location);
        return send(res, 301, 'text/plain', '');
    }
  }

  /** `id_list` (with versions), or a `ti:"…"` phrase search, answered from the fixtures. */
  private arxiv(q: URLSearchParams, res: http.ServerResponse): void {
    const idList = q.get('id_list') ?? '';
    const searchQuery = q.get('search_query') ?? '';
    const maxResults = Number(q.get('max_results') ?? '10');
    const entries: string[] = [];
    if (idList) {
      for (const raw of idList.split(',')) {
        const parsed = parseArxivId(raw);
        if (!parsed || parsed.id !== raw.replace(/v\d+$/, '')) {
          // The API rejects the whole request when one id is not an id (User's Manual §3.4).
          return send(res, 200, 'application/atom+xml', atomErrorFeed(`incorrect_id_format_for_${raw}`, `incorrect id format for ${raw}`, idList));
        }
        if (parsed.id === LEGACY_EMPTY_ID) entries.push(emptyEntry(raw));
        const entry = ENTRIES[parsed.id];
        if (!entry) continue; // unknown: no entry
        entries.push(parsed.version ? entry.replace(/v\d+<\/id>/, `${parsed.version}</id>`) : entry);
      }
      // The API promises no order; answering in reverse makes a client that matches by position fail.
      entries.reverse();
    } else {
      const phrase = /^ti:"(.*)"$/.exec(searchQuery)?.[1];
      if (phrase === undefined) return send(res, 200, 'application/atom+xml', atomErrorFeed('unsupported_query', `unsupported query ${searchQuery}`));
      const words = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
      const titleOf = (entry: string) => words(/<title>([\s\S]*?)<\/title>/.exec(entry)?.[1] ?? '');
      const hits = Object.values(ENTRIES).filter(e => titleOf(e).includes(words(phrase)));
      // Longer titles first, so the exact one is not simply the first result.
      hits.sort((a, b) => titleOf(b).length - titleOf(a).length);
      entries.push(...hits);
    }
    send(res, 200, 'application/atom+xml; charset=UTF-8', atomFeed(entries.slice(0, maxResults), { idList, searchQuery, maxResults }));
  }

  private dailyPapers(q: URLSearchParams, res: http.ServerResponse): void {
    const date = q.get('date') ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return send(res, 400, 'application/json', JSON.stringify({ error: 'Invalid date' }));
    send(res, 200, 'application/json; charset=utf-8', JSON.stringify(DAILY_PAPERS[date] ?? []));
  }
}

function send(res: http.ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** A URL on 127.0.0.1 where nothing listens: a port taken from the OS, then released. */
export async function closedPortUrl(path = '/api/query'): Promise<string> {
  const server = http.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return `http://127.0.0.1:${port}${path}`;
}

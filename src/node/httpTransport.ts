// HttpTransport for Node and the VS Code extension host, on Node's `http`/`https` modules.
//
// Why these rather than Node 20's global `fetch`: VS Code's extension host patches `http`/`https`
// to follow the user's proxy settings (`http.proxy`, system proxies, proxy authentication and
// certificates), which is what people behind a company proxy need; its support for `fetch` came
// later and behind a separate setting. The modules also give the OS error code directly
// (ECONNREFUSED, ENOTFOUND, …), which the messages are built from, where `fetch` wraps it in a
// generic "fetch failed"; and they let the body be cut off at a size limit as it streams.
//
// One deadline covers the whole exchange, redirects and body included: a server that trickles
// bytes cannot hold a request open past it (a socket idle timeout would not catch that).
import * as http from 'node:http';
import * as https from 'node:https';
import { type HttpGetOptions, type HttpResponse, type HttpTransport, TransportError } from '../core/net/transport';

export interface NodeHttpTransportOptions {
  /** Answers longer than this are refused. arXiv's largest page is a few MB. */
  maxBodyBytes?: number;
  /** export.arxiv.org redirects http to https; a few hops are normal, a loop is not. */
  maxRedirects?: number;
  userAgent?: string;
  /** Host name resolution, for a custom resolver; tests use it to make DNS fail without a network. */
  lookup?: http.RequestOptions['lookup'];
}

const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const DEFAULT_USER_AGENT = 'paper-lens (VS Code extension; literature lookup)';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class NodeHttpTransport implements HttpTransport {
  private readonly maxBodyBytes: number;
  private readonly maxRedirects: number;
  private readonly userAgent: string;
  private readonly lookup: http.RequestOptions['lookup'];

  constructor(options: NodeHttpTransportOptions = {}) {
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.lookup = options.lookup;
  }

  get(url: string, options: HttpGetOptions): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      let current: http.ClientRequest | undefined;
      const settle = (error: TransportError | undefined, response?: HttpResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        current?.destroy();
        if (error) reject(error);
        else resolve(response as HttpResponse);
      };
      const onAbort = () => settle(new TransportError('aborted', 'the request was cancelled'));
      const timer = setTimeout(() => settle(new TransportError('timeout', `no answer within ${options.timeoutMs} ms`)), Math.max(0, options.timeoutMs));
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });

      const send = (target: string, redirectsLeft: number) => {
        let parsed: URL;
        try {
          parsed = new URL(target);
        } catch {
          return settle(new TransportError('badUrl', `"${target.slice(0, 80)}" is not a URL`));
        }
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
          return settle(new TransportError('badUrl', `${parsed.protocol} is not http or https`));
        }
        const lib = parsed.protocol === 'https:' ? https : http;
        const request = lib.request(parsed, {
          method: 'GET',
          headers: { 'user-agent': this.userAgent, accept: '*/*', ...options.headers },
          ...(this.lookup ? { lookup: this.lookup } : {}),
        }, response => {
          const status = response.statusCode ?? 0;
          const location = response.headers.location;
          if (REDIRECTS.has(status) && location) {
            response.resume();
            if (redirectsLeft <= 0) return settle(new TransportError('protocol', `more than ${this.maxRedirects} redirects`));
            let next: string;
            try {
              next = new URL(location, parsed).toString();
            } catch {
              return settle(new TransportError('protocol', 'a redirect to an unusable address'));
            }
            return send(next, redirectsLeft - 1);
          }
          const declared = Number(response.headers['content-length']);
          if (Number.isFinite(declared) && declared > this.maxBodyBytes) {
            return settle(new TransportError('tooLarge', `${declared} bytes, over the ${this.maxBodyBytes}-byte limit`));
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > this.maxBodyBytes) settle(new TransportError('tooLarge', `over the ${this.maxBodyBytes}-byte limit`));
            else chunks.push(chunk);
          });
          response.on('end', () => settle(undefined, {
            status,
            headers: flattenHeaders(response.headers),
            // Concatenated first so a character split across chunks decodes whole.
            body: Buffer.concat(chunks).toString('utf8'),
          }));
          response.on('error', e => settle(describeNetworkError(e, parsed)));
          // Node 20 reports a connection dropped mid-body as an ECONNRESET error (above); this
          // catches a close without either, should another Node version or a patched module do that.
          response.on('close', () => {
            if (!response.complete) settle(new TransportError('unreachable', `the connection to ${parsed.host} closed before the answer was complete`));
          });
        });
        request.on('error', e => settle(describeNetworkError(e, parsed)));
        current = request;
        request.end();
      };
      send(url, this.maxRedirects);
    });
  }
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** An OS or TLS error as a sentence about what happened, keeping its code. */
export function describeNetworkError(e: unknown, url: URL): TransportError {
  const code = typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : undefined;
  const host = url.host;
  switch (code) {
    case 'ECONNREFUSED':
      return new TransportError('unreachable', `connection refused by ${host}`, code);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new TransportError('unreachable', `the name ${url.hostname} could not be resolved (offline, or DNS failure)`, code);
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
      return new TransportError('unreachable', `the network to ${host} is unreachable (offline?)`, code);
    case 'ECONNRESET':
    case 'EPIPE':
      return new TransportError('unreachable', `the connection to ${host} was reset`, code);
    case 'ETIMEDOUT':
      return new TransportError('timeout', `connecting to ${host} timed out`, code);
  }
  if (code && /CERT|SSL|TLS/.test(code)) {
    return new TransportError('unreachable', `the TLS certificate of ${host} was not accepted (${code})`, code);
  }
  const message = e instanceof Error ? e.message : String(e);
  return new TransportError('unreachable', code ? `${message} (${code})` : message, code);
}

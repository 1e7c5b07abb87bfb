// The one thing src/core needs from the network: GET a URL, get status, headers and body text.
// src/core may not use Node built-ins (it also runs in a worker and, later, a browser), so clients
// take this interface and each host supplies it: src/node/httpTransport.ts for Node and the
// extension host; a browser build would wrap `fetch`.

export interface HttpGetOptions {
  /** The whole exchange (connect, redirects, body) must finish within this many milliseconds. */
  timeoutMs: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body decoded as UTF-8. */
  body: string;
}

export interface HttpTransport {
  /** Resolves with any HTTP answer, errors included; rejects only with a TransportError. */
  get(url: string, options: HttpGetOptions): Promise<HttpResponse>;
}

/**
 * Why no HTTP answer came: the host could not be reached (offline, DNS, refused, reset, TLS), the
 * deadline passed, the caller cancelled, the answer was over the size limit, the URL was unusable,
 * or the server broke the protocol (endless redirects).
 */
export type TransportFailure = 'unreachable' | 'timeout' | 'aborted' | 'tooLarge' | 'badUrl' | 'protocol';

export class TransportError extends Error {
  constructor(readonly failure: TransportFailure, message: string, readonly code?: string) {
    super(message);
    this.name = 'TransportError';
  }
}

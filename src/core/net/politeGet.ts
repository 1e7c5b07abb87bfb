// A GET through a transport and a gate, with every way it can go wrong turned into a FetchError
// that names the service. Shared by the arXiv and Hugging Face clients.
import type { Clock } from './clock';
import type { FetchError } from './fetchError';
import type { RequestGate } from './requestGate';
import { TransportError, type HttpResponse, type HttpTransport } from './transport';

export interface PoliteGetPolicy {
  /** Named in messages: "arXiv", "Hugging Face". */
  service: string;
  transport: HttpTransport;
  gate: RequestGate;
  clock: Clock;
  timeoutMs: number;
  /** A 503/429 whose Retry-After is at most this long is waited out and retried, once. */
  maxRetryAfterMs: number;
}

export type GetResult = { ok: true; response: HttpResponse } | { ok: false; error: FetchError };

/** Never rejects. */
export async function politeGet(policy: PoliteGetPolicy, url: string, signal?: AbortSignal): Promise<GetResult> {
  const { service } = policy;
  for (let attempt = 0; ; attempt++) {
    let response: HttpResponse;
    try {
      response = await policy.gate.run(() => policy.transport.get(url, { timeoutMs: policy.timeoutMs, signal }), signal);
    } catch (e) {
      return { ok: false, error: transportFailure(service, policy.timeoutMs, e, signal) };
    }
    const { status } = response;
    if (status >= 200 && status < 300) return { ok: true, response };
    if (status === 503 || status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers['retry-after'], policy.clock.now());
      if (retryAfterMs !== undefined) {
        // Every request of this client waits, not only this one: the server asked for a pause.
        policy.gate.pause(retryAfterMs);
        if (attempt === 0 && retryAfterMs <= policy.maxRetryAfterMs) continue;
        const seconds = Math.ceil(retryAfterMs / 1000);
        return { ok: false, error: { kind: 'rateLimited', retryAfterSeconds: seconds, message: `${service} asks to retry in ${seconds} s` } };
      }
      return { ok: false, error: { kind: 'rateLimited', message: `${service} is busy (HTTP ${status}); try again later` } };
    }
    return { ok: false, error: { kind: 'http', status, message: `${service} answered HTTP ${status}` } };
  }
}

/** Milliseconds from now that a Retry-After value (delta-seconds or an HTTP date) asks for. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d{1,9}$/.test(v)) return Number(v) * 1000;
  // An HTTP date has a weekday name or a month name; Date.parse alone would also take "1" or "2025".
  if (!/[a-z]{3}/i.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

function transportFailure(service: string, timeoutMs: number, e: unknown, signal: AbortSignal | undefined): FetchError {
  if (signal?.aborted || (e instanceof TransportError && e.failure === 'aborted')) {
    return { kind: 'aborted', message: `the request to ${service} was cancelled` };
  }
  if (e instanceof TransportError) {
    switch (e.failure) {
      case 'timeout': return { kind: 'timeout', message: `${service} did not answer within ${formatSeconds(timeoutMs)}` };
      case 'tooLarge': return { kind: 'malformed', message: `${service}'s answer was too large: ${e.message}` };
      case 'badUrl': return { kind: 'invalidInput', message: `the ${service} address is not usable: ${e.message}` };
      case 'protocol':
      case 'unreachable': return { kind: 'unreachable', message: `${service} could not be reached: ${e.message}` };
    }
  }
  // A transport that broke its contract (rejected with something else) still means no answer.
  return { kind: 'unreachable', message: `${service} could not be reached: ${e instanceof Error ? e.message : String(e)}` };
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

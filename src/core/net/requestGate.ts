// One request at a time, starts at least `minIntervalMs` apart, and a shared pause when a server
// asks for one (Retry-After). arXiv's API terms ask for "no more than one request every three
// seconds" over "a single connection at a time" (info.arxiv.org/help/api/tou.html); the gate
// belongs to one client instance, so two clients (tests, a mirror) never share state.
import type { Clock } from './clock';

export class RequestGate {
  private queue: Promise<unknown> = Promise.resolve();
  private lastStart = Number.NEGATIVE_INFINITY;
  private notBefore = Number.NEGATIVE_INFINITY;

  constructor(private readonly minIntervalMs: number, private readonly clock: Clock) {}

  /**
   * Runs `task` once every task queued before it has settled and its turn has come. Rejects with
   * the signal's reason when it aborts while waiting for the turn.
   */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const turn = this.queue.then(async () => {
      signal?.throwIfAborted();
      const wait = Math.max(this.lastStart + this.minIntervalMs, this.notBefore) - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait, signal);
      this.lastStart = this.clock.now();
      return task();
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** No task starts in the next `ms` (a server's Retry-After), whoever queued it. */
  pause(ms: number): void {
    this.notBefore = Math.max(this.notBefore, this.clock.now() + ms);
  }
}

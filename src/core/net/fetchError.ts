// What a lookup can fail with, as data (serialisable, switchable on `kind`) with a message written
// for the person who asked: "arXiv could not be reached: connection refused by export.arxiv.org".

export type FetchError =
  /** Offline, DNS failure, connection refused or reset, TLS refused. */
  | { kind: 'unreachable'; message: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'aborted'; message: string }
  /** HTTP 503/429: the service asks to wait, `retryAfterSeconds` when it said how long. */
  | { kind: 'rateLimited'; message: string; retryAfterSeconds?: number }
  /** Any other HTTP status that is not a success. */
  | { kind: 'http'; message: string; status: number }
  /** The answer came but could not be read (not XML/JSON, not the expected shape, too large). */
  | { kind: 'malformed'; message: string }
  /** The service answered that the request itself was wrong (arXiv's error entry). */
  | { kind: 'api'; message: string }
  /** The service has no such paper. */
  | { kind: 'notFound'; message: string }
  /** The request could not be made from what was given (not an arXiv id, a bad date or endpoint). */
  | { kind: 'invalidInput'; message: string };

export type FetchErrorKind = FetchError['kind'];

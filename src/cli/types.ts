import type { Corpus } from '../core/corpus';

export class UsageError extends Error {}
/** A well-formed request that finds nothing (unknown id): exit code 1. */
export class NotFoundError extends Error {}

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CliContext {
  out: Output;
  /** Loads the bundled corpus on first use; injectable so tests need no build output. */
  corpus(): Corpus;
}

export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  run(args: string[], ctx: CliContext): void | Promise<void>;
}

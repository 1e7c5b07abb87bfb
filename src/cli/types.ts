import type { PaperLensCore } from '../core/paperLens';

export class UsageError extends Error {}
/** A well-formed request that finds nothing (unknown id): exit code 1. */
export class NotFoundError extends Error {}

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CliContext {
  out: Output;
  /** The core over the library (the bundled corpus), built on first use; injectable so tests need no build output. */
  core(): PaperLensCore;
}

export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  run(args: string[], ctx: CliContext): void | Promise<void>;
}

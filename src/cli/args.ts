import { parseArgs, type ParseArgsConfig } from 'util';
import { UsageError } from './types';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * util.parseArgs answers `--limit -1` with "argument is ambiguous" and a trailing `--limit` with
 * "argument missing", in words of its own. Attaching the value (`--limit=-1`, or `--limit=` when
 * there is none) lets each command's own check say what it wants, the same way for every bad value.
 * A string option followed by another declared option has no value: that option stays itself.
 */
function attachValues(args: readonly string[], options: Options): string[] {
  const declared = (arg: string) => arg.startsWith('--') && arg.slice(2).split('=')[0] in options;
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    if (arg.startsWith('--') && options[arg.slice(2)]?.type === 'string') {
      const next = args[i + 1];
      if (next === undefined || declared(next)) {
        out.push(`${arg}=`);
        continue;
      }
      if (next.startsWith('-')) {
        out.push(`${arg}=${next}`);
        i++;
        continue;
      }
    }
    out.push(arg);
  }
  return out;
}

/** util.parseArgs with its errors turned into one-line usage messages. */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args: attachValues(args, options), options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option/, 'unknown option');
    throw new UsageError(`${command}: ${msg}`);
  }
}

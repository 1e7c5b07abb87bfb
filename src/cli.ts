// paper-lens: a terminal front end over src/core. Each command is a small function over the core;
// output is readable text by default and exactly the documented JSON with --json.
import { version } from '../package.json';

export class UsageError extends Error {}

interface CommandSpec {
  usage: string;
  summary: string;
  run(args: string[], out: Output): void | Promise<void>;
}

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

const commands: Record<string, CommandSpec> = {};

function helpText(): string {
  const width = Math.max(0, ...Object.values(commands).map(c => c.usage.length));
  const lines = Object.values(commands).map(c => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  return [
    `paper-lens ${version} — look up long-context LLM papers from the terminal`,
    '',
    'Usage: paper-lens <command> [options]',
    '',
    ...(lines.length ? ['Commands:', ...lines, ''] : []),
    'Options:',
    '  -h, --help     show this help',
    '  -v, --version  print the version',
  ].join('\n');
}

/** Runs the CLI and returns its exit code; `out` is injectable so tests need no child process. */
export async function main(argv: string[], out: Output): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
      out.stdout(helpText());
      return first === undefined ? 2 : 0;
    }
    if (first === '-v' || first === '--version') {
      out.stdout(version);
      return 0;
    }
    const command = commands[first];
    if (!command) throw new UsageError(`unknown command '${first}' (run 'paper-lens --help' for the list)`);
    await command.run(rest, out);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      out.stderr(`paper-lens: ${err.message}`);
      return 2;
    }
    out.stderr(`paper-lens: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), {
    stdout: text => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    stderr: text => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  }).then(code => { process.exitCode = code; });
}

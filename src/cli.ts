// paper-lens: a terminal front end over src/core. Each command (src/cli/commands) is a small
// function over the core; output is readable text by default and exactly the documented JSON with
// --json. Exit codes: 0 done, 1 nothing found or failure, 2 bad usage.
import * as path from 'path';
import { version } from '../package.json';
import { COMMANDS } from './cli/commands';
import { type CliContext, NotFoundError, type Output, UsageError } from './cli/types';
import type { PaperSource } from './core/library/library';
import { createPaperLens, type PaperLensCore } from './core/paperLens';
import { loadBundledCorpus } from './node/bundledCorpusFile';
import { loadFile } from './node/libraryWorker';
import * as fs from 'fs';

export type { Output } from './cli/types';

function helpText(): string {
  const width = Math.max(...COMMANDS.map(c => c.usage.length));
  return [
    `paper-lens ${version} — look up long-context LLM papers from the terminal`,
    '',
    'Usage: paper-lens <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map(c => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  --library <file>  also read a BibTeX (.bib) or CSL-JSON/YAML library; repeatable',
    '  -h, --help        show this help',
    '  -v, --version     print the version',
  ].join('\n');
}

/** The library's sources: the corpus next to the bundle (dist/cli.js → dist/corpus.json). */
function defaultSources(): PaperSource[] {
  return [loadBundledCorpus(process.env.PAPER_LENS_CORPUS ?? path.join(__dirname, 'corpus.json'))];
}

/** Library files larger than this are refused (the extension's default, paperLens.libraries.maxFileSizeMB). */
const MAX_LIBRARY_BYTES = 50e6;

/** Where the word list and the bundled corpus are: beside the bundle, or dist/ when run from out/. */
function distDir(): string {
  for (const dir of [__dirname, path.resolve(__dirname, '..', '..', 'dist')]) {
    if (fs.existsSync(path.join(dir, 'english-words.txt'))) return dir;
  }
  return __dirname;
}

/** `--library X` / `--library=X`, anywhere after the command, taken out of the command's arguments. */
export function takeLibraries(args: readonly string[]): { libraries: string[]; rest: string[] } {
  const libraries: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (arg === '--library') {
      const file = args[i + 1];
      if (file === undefined || file.startsWith('--')) throw new UsageError('--library needs a file (e.g. --library refs.bib)');
      libraries.push(file);
      i++;
    } else if (arg.startsWith('--library=')) {
      const file = arg.slice('--library='.length);
      if (!file) throw new UsageError('--library needs a file (e.g. --library=refs.bib)');
      libraries.push(file);
    } else {
      rest.push(arg);
    }
  }
  return { libraries, rest };
}

/** Runs the CLI and returns its exit code; `out` and the library's sources are injectable for tests. */
export async function main(argv: string[], out: Output, loadSources: () => PaperSource[] = defaultSources): Promise<number> {
  const [first, ...afterCommand] = argv;
  let cached: PaperLensCore | undefined;
  let libraries: string[] = [];
  const sources = (): PaperSource[] => {
    const all = loadSources();
    if (!libraries.length) return all;
    let read = 0;
    for (const file of libraries) {
      const { source } = loadFile(path.resolve(file), path.basename(file), distDir(), MAX_LIBRARY_BYTES);
      // Problems go to stderr with file:line; the command still runs on what could be read.
      for (const p of source.problems ?? []) out.stderr(`paper-lens: ${p.file ?? file}:${p.line ?? 1}: ${p.severity}: ${p.message}`);
      if (source.papers.length) read++;
      all.push(source);
    }
    if (!read) throw new Error(`no library could be read (${libraries.join(', ')})`);
    return all;
  };
  const ctx: CliContext = { out, core: () => (cached ??= createPaperLens({ sources: sources() }).current()) };
  try {
    const taken = takeLibraries(afterCommand);
    libraries = taken.libraries;
    const rest = taken.rest;
    if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
      out.stdout(helpText());
      return first === undefined ? 2 : 0;
    }
    if (first === '-v' || first === '--version') {
      out.stdout(version);
      return 0;
    }
    const command = COMMANDS.find(c => c.name === first);
    if (!command) throw new UsageError(`unknown command '${first}' (run 'paper-lens --help' for the list)`);
    if (rest.includes('-h') || rest.includes('--help')) {
      out.stdout(`Usage: paper-lens ${command.usage}\n  ${command.summary}`);
      return 0;
    }
    await command.run(rest, ctx);
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    out.stderr(`paper-lens: ${message.split('\n')[0]}`);
    if (err instanceof UsageError) return 2;
    if (err instanceof NotFoundError) return 1;
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), {
    stdout: text => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    stderr: text => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  }).then(code => {
    process.exitCode = code;
  });
}

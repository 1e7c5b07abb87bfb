import * as fs from 'fs';
import { addItems, readCollection, serializeCollection } from '../../core/sources/collection';
import { type ImportFormat, type ImportPlan, type PlannedItem, parseImportInput, planImport, planSummary, resolveImport } from '../../core/sources/importPlan';
import { CollectionChangedError, readCollectionFile, writeCollectionFile } from '../../node/collectionFile';
import { parseCommandArgs } from '../args';
import { type CommandSpec, NotFoundError, UsageError } from '../types';
import { cliArxivClient } from './fetch';

/** Inputs are listings, API answers and id lists: a few MB at most. */
const MAX_INPUT_BYTES = 20 * 1024 * 1024;

const FORMATS: Record<string, ImportFormat> = { listing: 'daily-listing', api: 'hf-daily-papers', ids: 'arxiv-ids' };

async function readInput(file: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      size += (chunk as Buffer).length;
      if (size > MAX_INPUT_BYTES) throw new Error(`import: standard input is over ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `import: no such file '${file}'` : `import: cannot read '${file}' (${code ?? (e as Error).message})`);
  }
  if (stat.isDirectory()) throw new Error(`import: '${file}' is a directory, not a file`);
  if (stat.size > MAX_INPUT_BYTES) throw new Error(`import: '${file}' is over ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
  return fs.readFileSync(file, 'utf8');
}

function row(mark: string, p: PlannedItem): string {
  const id = p.item?.id ?? p.arxiv ?? '';
  return `${mark} ${id ? `${id}  ` : ''}${p.label}${p.note ? `  (${p.note})` : ''}`;
}

function planJson(plan: ImportPlan, written: boolean, collection: string) {
  const entry = (p: PlannedItem) => ({ line: p.candidate.line, title: p.label, ...(p.arxiv ? { arxiv: p.arxiv } : {}), ...(p.item ? { id: p.item.id } : {}), ...(p.note ? { note: p.note } : {}) });
  return { format: plan.format, collection, written, added: plan.added.map(entry), known: plan.known.map(entry), failed: plan.failed.map(entry) };
}

export const importCommand: CommandSpec = {
  name: 'import',
  usage: 'import <file|-> --collection <file> [--dry-run]',
  summary: 'add a daily-papers page, its API JSON or arXiv ids to a CSL-JSON collection (--json, --offline, --format listing|api|ids, --endpoint URL)',
  async run(args, { out, core }) {
    const { values, positionals } = parseCommandArgs('import', args, {
      collection: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      format: { type: 'string' },
      offline: { type: 'boolean' },
      endpoint: { type: 'string' },
      timeout: { type: 'string' },
    });
    if (!positionals.length) throw new UsageError('import: missing <file|-> (a saved daily-papers page, an API answer or a list of arXiv ids)');
    if (positionals.length > 1) throw new UsageError(`import: unexpected argument '${positionals[1]}'`);
    if (!values.collection) throw new UsageError('import: missing --collection <file> (the CSL-JSON file to add to; created if missing)');
    const format = values.format === undefined ? undefined : FORMATS[values.format];
    if (values.format !== undefined && !format) throw new UsageError(`import: --format must be listing, api or ids, got '${values.format}'`);
    if (values.offline && values.endpoint) throw new UsageError('import: --offline and --endpoint contradict each other');
    const arxiv = values.offline ? undefined : cliArxivClient(values.endpoint, values.timeout);

    const parsed = parseImportInput(await readInput(positionals[0]), format ? { format } : {});
    if (!parsed.ok) throw new Error(`import: ${parsed.message}`);
    const file = values.collection;
    const current = await readCollectionFile(file).catch((e: Error) => {
      throw new Error(`import: ${e.message}`);
    });
    const content = readCollection(current.text, file);
    if (content.unwritable && !values['dry-run']) throw new Error(`import: ${content.unwritable}; Paper Lens does not overwrite it`);

    const resolved = await resolveImport(parsed.input.candidates, { library: core().snapshot, ...(arxiv ? { arxiv } : {}) });
    const plan = planImport(parsed.input, resolved, content.items);
    let written = false;
    if (!values['dry-run'] && plan.added.length) {
      const { items } = addItems(content.items, plan.added.map(p => p.item!));
      try {
        await writeCollectionFile(file, serializeCollection(items), current.stamp);
      } catch (e) {
        if (e instanceof CollectionChangedError) throw new Error(`import: ${file} changed while importing; nothing was written (run the import again)`);
        throw new Error(`import: could not write ${file}: ${(e as Error).message}`);
      }
      written = true;
    }
    if (values.json) {
      out.stdout(JSON.stringify(planJson(plan, written, file), null, 2));
    } else {
      out.stdout([
        ...plan.added.map(p => row('+', p)),
        ...plan.known.map(p => row('=', p)),
        ...plan.failed.map(p => row('!', p)),
        `${planSummary(plan)}${values['dry-run'] ? ' (dry run: nothing written)' : written ? ` → ${file}` : ''}`,
      ].join('\n'));
    }
    if (!plan.added.length && !plan.known.length) throw new NotFoundError(`import: no paper could be imported (${plan.failed.length} failed)`);
  },
};

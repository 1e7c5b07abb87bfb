import { type ArxivLookup, ArxivClient } from '../../core/net/arxivClient';
import type { ArxivDate, ArxivRecord } from '../../core/sources/arxivAtom';
import { NodeHttpTransport } from '../../node/httpTransport';
import { parseCommandArgs } from '../args';
import { wrap } from '../format';
import { type CommandSpec, NotFoundError, UsageError } from '../types';

/** Where the CLI asks arXiv: `--endpoint`, else this variable (a mirror, or a test's local server), else the API. */
export const ARXIV_ENDPOINT_ENV = 'PAPER_LENS_ARXIV_ENDPOINT';
/** At most this many ids in one run: ten requests of the client's 50-id batches, 30 s of waiting. */
const MAX_IDS = 500;

/** The arXiv client the CLI's commands use, over Node's HTTP. */
export function cliArxivClient(endpoint: string | undefined, timeoutSeconds?: string): ArxivClient {
  const url = endpoint ?? process.env[ARXIV_ENDPOINT_ENV];
  let timeoutMs: number | undefined;
  if (timeoutSeconds !== undefined) {
    const s = Number(timeoutSeconds);
    if (!Number.isFinite(s) || s <= 0 || s > 600) throw new UsageError(`--timeout must be a number of seconds from 0 to 600, got '${timeoutSeconds}'`);
    timeoutMs = Math.round(s * 1000);
  }
  return new ArxivClient({ transport: new NodeHttpTransport(), ...(url ? { endpoint: url } : {}), ...(timeoutMs ? { timeoutMs } : {}) });
}

function day(d: ArxivDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

function recordText(r: ArxivRecord): string {
  const meta = [`arXiv ${r.arxiv}${r.version ?? ''}`, `published ${day(r.published)}`, ...(r.updated && day(r.updated) !== day(r.published) ? [`updated ${day(r.updated)}`] : [])];
  return [
    r.title,
    `  ${meta.join(' · ')}`,
    ...(r.authors.length ? [wrap(`Authors: ${r.authors.join(', ')}`, 100, '  ')] : []),
    ...(r.categories.length ? [`  Categories: ${r.categories.join(', ')}`] : []),
    ...(r.doi ? [`  DOI: ${r.doi}`] : []),
    ...(r.journalRef ? [`  Journal: ${r.journalRef}`] : []),
    ...(r.comment ? [wrap(`Comment: ${r.comment}`, 100, '  ')] : []),
    '',
    wrap(r.abstract, 100, '  '),
    '',
    ...r.links.map(l => `  ${l.kind.padEnd(10)} ${l.url}`),
  ].join('\n');
}

function resultJson(r: ArxivLookup) {
  return r.ok
    ? { input: r.input, ok: true, id: r.id, ...(r.version ? { version: r.version } : {}), record: r.record }
    : { input: r.input, ok: false, ...(r.id ? { id: r.id } : {}), error: r.error };
}

export const fetchCommand: CommandSpec = {
  name: 'fetch',
  usage: 'fetch <arxiv-id>... [--json]',
  summary: `arXiv's metadata for papers by id or link, from the arXiv API (--endpoint URL or $${ARXIV_ENDPOINT_ENV}, --timeout S)`,
  async run(args, { out }) {
    const { values, positionals } = parseCommandArgs('fetch', args, { json: { type: 'boolean' }, endpoint: { type: 'string' }, timeout: { type: 'string' } });
    if (!positionals.length) throw new UsageError('fetch: missing <arxiv-id> (e.g. paper-lens fetch 2410.10819)');
    if (positionals.length > MAX_IDS) throw new UsageError(`fetch: at most ${MAX_IDS} ids at once`);
    const results = await cliArxivClient(values.endpoint, values.timeout).fetch(positionals);
    const failed = results.filter(r => !r.ok);
    if (values.json) {
      out.stdout(JSON.stringify(results.map(resultJson), null, 2));
    } else {
      const found = results.filter((r): r is Extract<ArxivLookup, { ok: true }> => r.ok);
      if (found.length) out.stdout(found.map(r => recordText(r.record)).join('\n\n'));
      // Every failure but the last on its own line; the last is the command's one-line error.
      for (const r of failed.slice(0, -1)) out.stderr(`paper-lens: ${r.input}: ${r.error.message}`);
    }
    const last = failed[failed.length - 1];
    if (last && !last.ok) {
      const message = values.json ? `${failed.length} of ${results.length} could not be fetched` : `${last.input}: ${last.error.message}`;
      if (failed.every(r => !r.ok && (r.error.kind === 'notFound' || r.error.kind === 'invalidInput'))) throw new NotFoundError(message);
      throw new Error(message);
    }
  },
};

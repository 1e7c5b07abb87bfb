import { displayTitle } from '../../core/library/display';
import { displayName } from '../../core/library/model';
import { clipForMessage } from '../../core/text/quote';
import { parseCommandArgs } from '../args';
import { type CommandSpec, NotFoundError, UsageError } from '../types';

const MAX_LIMIT = 1000;

export const searchCommand: CommandSpec = {
  name: 'search',
  usage: 'search <query...> [--limit N] [--json]',
  summary: 'ranked full-text search (names, titles, abstracts, topics, search phrases; tolerates typos)',
  run(args, { out, core }) {
    const { values, positionals } = parseCommandArgs('search', args, { json: { type: 'boolean' }, limit: { type: 'string' } });
    const query = positionals.join(' ').trim();
    if (!query) throw new UsageError('search: missing <query> (e.g. paper-lens search kv cache eviction)');
    let limit = 20;
    if (values.limit !== undefined) {
      if (!/^\d+$/.test(values.limit) || Number(values.limit) < 1 || Number(values.limit) > MAX_LIMIT) {
        throw new UsageError(`search: --limit must be a whole number from 1 to ${MAX_LIMIT}, got ${values.limit ? `'${values.limit}'` : 'nothing'}`);
      }
      limit = Number(values.limit);
    }
    // The whole query is complete here: no as-you-type prefix matching on its last word.
    const hits = core().search.search(query, { limit, prefix: false });
    if (!hits.length) throw new NotFoundError(`no paper matches '${clipForMessage(query)}'`);
    if (values.json) {
      out.stdout(JSON.stringify(hits.map(h => ({ id: h.paper.id, title: h.paper.title, score: round(h.score) })), null, 2));
      return;
    }
    const rows = hits.map((h, i) => {
      const name = h.paper.shortName ? displayName(h.paper) : '—';
      return `${String(i + 1).padStart(3)}. ${h.paper.id.padEnd(11)} ${round(h.score).toFixed(2).padStart(7)}  ${name.padEnd(24).slice(0, 24)}  ${displayTitle(h.paper)}`;
    });
    out.stdout([`${hits.length} result${hits.length === 1 ? '' : 's'} for '${clipForMessage(query)}'`, ...rows].join('\n'));
  },
};

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

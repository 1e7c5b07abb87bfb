import { displayTitle } from '../../core/library/display';
import { parseCommandArgs } from '../args';
import { paperJson } from '../format';
import { type CommandSpec, UsageError } from '../types';

export const listCommand: CommandSpec = {
  name: 'list',
  usage: 'list [--json]',
  summary: 'every paper: id, title, aliases, topics, year, first author, links, abstract',
  run(args, { out, core }) {
    const { values, positionals } = parseCommandArgs('list', args, { json: { type: 'boolean' } });
    if (positionals.length) throw new UsageError(`list: unexpected argument '${positionals[0]}'`);
    const c = core().snapshot;
    if (values.json) {
      out.stdout(JSON.stringify(c.papers.map(paperJson), null, 2));
      return;
    }
    const rows = c.papers.map(p => {
      const name = p.shortName ?? '—';
      return `${p.id.padEnd(11)} ${String(p.year ?? '    ')}  ${name.padEnd(24).slice(0, 24)}  ${displayTitle(p)}`;
    });
    out.stdout([`${c.size} papers`, ...rows].join('\n'));
  },
};

import { parseCommandArgs } from '../args';
import { paperCardText, paperJson } from '../format';
import { type CommandSpec, NotFoundError, UsageError } from '../types';

export const showCommand: CommandSpec = {
  name: 'show',
  usage: 'show <id|alias|title> [--json]',
  summary: 'one paper (every candidate when the name is ambiguous)',
  run(args, { out, core }) {
    const { values, positionals } = parseCommandArgs('show', args, { json: { type: 'boolean' } });
    const query = positionals.join(' ').trim();
    if (!query) throw new UsageError('show: missing <id|alias|title> (e.g. paper-lens show DuoAttention)');
    const c = core().snapshot;
    const papers = c.lookup(query);
    if (!papers.length) throw new NotFoundError(`no paper with id, name or title '${query}'`);
    if (values.json) {
      out.stdout(JSON.stringify(papers.map(paperJson), null, 2));
      return;
    }
    const head = papers.length > 1 ? [`'${query}' is ambiguous: ${papers.length} papers`] : [];
    out.stdout([...head, ...papers.map(p => paperCardText(p, c))].join('\n\n'));
  },
};

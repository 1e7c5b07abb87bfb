import { parseCommandArgs } from '../args';
import { type CommandSpec, UsageError } from '../types';

export const topicsCommand: CommandSpec = {
  name: 'topics',
  usage: 'topics [--json]',
  summary: 'every topic: id, label, description and its papers (primary first)',
  run(args, { out, core }) {
    const { values, positionals } = parseCommandArgs('topics', args, { json: { type: 'boolean' } });
    if (positionals.length) throw new UsageError(`topics: unexpected argument '${positionals[0]}'`);
    const c = core().snapshot;
    const topics = c.topics.map(t => {
      const primary = c.papersInTopic(t.id);
      const secondary = c.papersInTopic(t.id, true).filter(p => !primary.includes(p));
      return { topic: t, primary, secondary };
    });
    if (values.json) {
      out.stdout(JSON.stringify(topics.map(({ topic, primary, secondary }) => ({
        id: topic.id,
        label: topic.label,
        description: topic.description,
        papers: [...primary, ...secondary].map(p => p.id),
        primaryCount: primary.length,
      })), null, 2));
      return;
    }
    out.stdout(topics.map(({ topic, primary, secondary }) =>
      `${topic.label} (${topic.id}): ${primary.length} papers${secondary.length ? ` + ${secondary.length} related` : ''}\n  ${topic.description}`).join('\n\n'));
  },
};

import { BIBLIOGRAPHY_FORMATS, type BibliographyFormat, citedPapers, formatBibliography } from '../../core/references/export';
import { parseCommandArgs } from '../args';
import { type CommandSpec, NotFoundError, UsageError } from '../types';
import { noteTargets, readNote } from './mentions';

/** Ambiguous names listed on stderr before "and N more": enough to find them, not a wall of text. */
const AMBIGUOUS_SHOWN = 5;

export const exportCommand: CommandSpec = {
  name: 'export',
  usage: 'export <files|dirs...> [--format bibtex|csl-json]',
  summary: 'a bibliography (BibTeX, or CSL-JSON) of every paper the notes mention, on stdout; exit 1 when they cite none',
  run(args, { out, core }) {
    const { values, positionals } = parseCommandArgs('export', args, { format: { type: 'string' } });
    if (!positionals.length) throw new UsageError('export: missing <files|dirs> (e.g. paper-lens export notes/ > references.bib)');
    const format = (values.format ?? 'bibtex') as BibliographyFormat;
    if (!BIBLIOGRAPHY_FORMATS.includes(format)) throw new UsageError(`export: --format must be ${BIBLIOGRAPHY_FORMATS.join(' or ')}, not '${values.format}'`);
    const lens = core();
    const mentions: { papers: string[]; ambiguous: boolean; text: string; where: string }[] = [];
    for (const note of noteTargets('export', positionals)) {
      let text: string;
      try {
        text = readNote(note.file);
      } catch (e) {
        if (note.found) continue;
        throw new Error((e as Error).message.replace(/^mentions:/, 'export:'));
      }
      // Everything in a note that cites a paper: names, citation keys and arXiv references.
      for (const m of lens.notes.detect(text)) mentions.push({ papers: m.papers, ambiguous: m.ambiguous, text: m.text, where: note.label });
    }
    const cited = citedPapers(mentions);
    const papers = cited.ids.map(id => lens.snapshot.paper(id)).filter(p => p !== undefined);
    if (cited.ambiguous.length) {
      const names = [...new Set(cited.ambiguous.map(a => a.text))];
      const shown = names.slice(0, AMBIGUOUS_SHOWN).map(n => `'${n}'`).join(', ');
      out.stderr(`paper-lens: export: left out ${cited.ambiguous.length} ambiguous mention${cited.ambiguous.length === 1 ? '' : 's'} (${shown}${names.length > AMBIGUOUS_SHOWN ? `, and ${names.length - AMBIGUOUS_SHOWN} more` : ''}): each names several papers`);
    }
    if (!papers.length) throw new NotFoundError(`export: the notes cite no paper of the library (${positionals.join(', ')})`);
    out.stdout(formatBibliography(papers, format, { universe: lens.snapshot.papers }).text);
  },
};

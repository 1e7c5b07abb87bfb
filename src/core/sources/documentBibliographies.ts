// The bibliography files a document names, so its own .bib/CSL files can be loaded for it:
//   markdown (pandoc, Quarto, R Markdown): YAML front matter `bibliography: refs.bib` or a list;
//   LaTeX: \bibliography{a,b} (BibTeX appends ".bib") and biblatex's \addbibresource{x.bib}.
// Paths come back as written; the caller resolves them against the document (no file system here).
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { SourceProblem } from './bibliographyEntry';

export interface BibliographyReference {
  /** As written in the document ("refs.bib", "../shared/library.json"), ".bib" added for \bibliography. */
  path: string;
  /** 1-based line where the document names it. */
  line: number;
}

export interface DocumentBibliographies {
  bibliographies: BibliographyReference[];
  problems: SourceProblem[];
}

export type DocumentKind = 'markdown' | 'latex';

/** The kind of document by its file name; undefined for neither. */
export function documentKind(file: string): DocumentKind | undefined {
  if (/\.(?:md|markdown|mdown|mkd|qmd|rmd|pandoc)$/i.test(file)) return 'markdown';
  if (/\.(?:tex|ltx|latex)$/i.test(file)) return 'latex';
  return undefined;
}

/** The bibliographies `text` names. Never throws: a malformed front matter is a problem. */
export function documentBibliographies(text: string, file: string, kind: DocumentKind | undefined = documentKind(file)): DocumentBibliographies {
  if (kind === 'latex') return { bibliographies: latexBibliographies(text), problems: [] };
  if (kind === 'markdown') return frontMatterBibliographies(text, file);
  return { bibliographies: [], problems: [] };
}

// ——— markdown front matter ———

// A front matter block opens on the first line with "---" and closes with "---" or "..." (pandoc).
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([^]*?)^(?:---|\.\.\.)[ \t]*\r?$/m;

function frontMatterBibliographies(text: string, file: string): DocumentBibliographies {
  const m = FRONT_MATTER.exec(text);
  if (!m || m.index !== 0) return { bibliographies: [], problems: [] };
  const yaml = m[1];
  const lineCounter = new LineCounter();
  // The YAML starts on the document's second line.
  const lineOf = (offset: number) => lineCounter.linePos(offset).line + 1;
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(yaml, { lineCounter, prettyErrors: false });
  } catch (e) {
    return { bibliographies: [], problems: [{ file, line: 2, message: `front matter is not valid YAML: ${e instanceof Error ? e.message : String(e)}`, severity: 'error' }] };
  }
  if (doc.errors.length) {
    const e = doc.errors[0];
    const { line, col } = lineCounter.linePos(e.pos[0]);
    return {
      bibliographies: [],
      problems: [{ file, line: line + 1, column: col, message: `front matter is not valid YAML: ${e.message.split('\n')[0]}`, severity: 'error' }],
    };
  }
  const problems: SourceProblem[] = [];
  const bibliographies: BibliographyReference[] = [];
  if (!isMap(doc.contents)) return { bibliographies, problems };
  const value = doc.contents.get('bibliography', true) as YamlNode | undefined;
  if (value == null) return { bibliographies, problems };
  const add = (node: unknown) => {
    const line = lineOf((node as { range?: number[] } | null)?.range?.[0] ?? 0);
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim()) bibliographies.push({ path: node.value.trim(), line });
    else problems.push({ file, line, message: '`bibliography` entries must be file paths (text)', severity: 'warning' });
  };
  if (isSeq(value)) value.items.forEach(add);
  else add(value);
  return { bibliographies, problems };
}

// ——— LaTeX ———

const BIB_COMMAND = /\\(bibliography|addbibresource|addglobalbib|addsectionbib)\s*(?:\[[^\]]*\]\s*)?\{([^}]*)\}/g;

/** Comments blanked out (a "%" not escaped as "\%" runs to the end of its line), offsets kept. */
function withoutComments(text: string): string {
  return text.replace(/(^|[^\\])((?:\\\\)*)%[^\n]*/g, (m, before: string, slashes: string) => before + slashes + ' '.repeat(m.length - before.length - slashes.length));
}

function latexBibliographies(text: string): BibliographyReference[] {
  const source = withoutComments(text);
  const out: BibliographyReference[] = [];
  let line = 1;
  let pos = 0;
  const lineAt = (offset: number) => {
    for (let nl = source.indexOf('\n', pos); nl >= 0 && nl < offset; nl = source.indexOf('\n', nl + 1)) line++;
    pos = Math.max(pos, offset);
    return line;
  };
  BIB_COMMAND.lastIndex = 0;
  for (let m = BIB_COMMAND.exec(source); m; m = BIB_COMMAND.exec(source)) {
    const command = m[1];
    const argStart = m.index + m[0].length - 1 - m[2].length;
    let offset = argStart;
    // \bibliography{a,b} lists BibTeX databases; biblatex commands name one resource each.
    for (const part of command === 'bibliography' ? m[2].split(',') : [m[2]]) {
      const name = part.trim();
      const at = offset + part.indexOf(name);
      offset += part.length + 1;
      if (!name) continue;
      // BibTeX's \bibliography{refs} means refs.bib; biblatex's resources are named in full.
      const path = command === 'bibliography' && !/\.bib$/i.test(name) ? `${name}.bib` : name;
      out.push({ path, line: lineAt(at) });
    }
  }
  return out;
}

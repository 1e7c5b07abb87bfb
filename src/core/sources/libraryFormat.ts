// Which files are libraries, by name: kept apart from the readers so the extension host can ask
// without loading them (they run in the library worker).

export type LibraryFormat = 'bibtex' | 'csl-json' | 'csl-yaml';

/** The format of a library file by its extension; undefined for one Paper Lens does not read. */
export function libraryFormat(file: string): LibraryFormat | undefined {
  if (/\.(?:bib|bibtex|biblatex)$/i.test(file)) return 'bibtex';
  if (/\.json$/i.test(file)) return 'csl-json';
  if (/\.ya?ml$/i.test(file)) return 'csl-yaml';
  return undefined;
}

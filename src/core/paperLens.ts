// The one way to build Paper Lens's core: a library (or the sources to make one) and options in;
// per snapshot of the library, a ranked search, a mention detector and reference formatting out.
// The extension, the CLI, the benchmarks and the evaluation scripts all start here, in the spirit
// of vscode-markdown-languageservice's `createLanguageService`.
//
//   const lens = createPaperLens({ sources: [bundledSource] });
//   const core = lens.current();              // the library as it is now
//   core.search.search('kv cache eviction');  // index built on first use, for this snapshot
//   core.mentions.detect(noteText);
//   core.references.format(paper, 'bibtex');
//
// Indexes belong to a snapshot: `current()` after a source changes gives a new core whose indexes
// build lazily, while a reader still holding the old core keeps its answers.
import { Library, type LibrarySnapshot, type PaperSource } from './library/library';
import { MentionDetector } from './mentions';
import { findNoteMentions, type NoteMention } from './notes/noteMentions';
import * as formats from './references/formats';
import { PaperSearch, type PaperSearchOptions } from './search';

export interface PaperLensOptions {
  search?: PaperSearchOptions;
}

/** Reference formatting: pure functions of a paper, the same for every snapshot. */
export const references = {
  format: formats.formatReference,
  autoFormat: formats.autoReferenceFormat,
  citeKey: formats.citeKey,
  cite: formats.citeCommand,
  bibtex: formats.bibtex,
  markdownLink: formats.markdownLink,
  paperUrl: formats.paperUrl,
  shortReference: formats.shortReference,
} as const;

/** The core over one snapshot of the library. */
export interface PaperLensCore {
  readonly snapshot: LibrarySnapshot;
  /** Ranked search; its index builds on the first query (or `prepareAsync`). */
  readonly search: PaperSearch;
  /** Mention detection of paper names; its name automaton builds on first use. */
  readonly mentions: MentionDetector;
  /** Everything in a note that refers to a paper: names, citation keys, arXiv references. */
  readonly notes: { detect(text: string): NoteMention[] };
  readonly references: typeof references;
}

export interface PaperLens {
  readonly library: Library;
  /** The core over the library as it is now (the same object until a source changes). */
  current(): PaperLensCore;
  /** The core over a given snapshot (memoised while the snapshot is alive). */
  over(snapshot: LibrarySnapshot): PaperLensCore;
}

export type PaperLensInit = { library: Library } | { sources: readonly PaperSource[] };

export function createPaperLens(init: PaperLensInit, options: PaperLensOptions = {}): PaperLens {
  const library = 'library' in init ? init.library : new Library(init.sources);
  const cores = new WeakMap<LibrarySnapshot, PaperLensCore>();
  const over = (snapshot: LibrarySnapshot): PaperLensCore => {
    let core = cores.get(snapshot);
    if (!core) {
      let search: PaperSearch | undefined;
      let mentions: MentionDetector | undefined;
      core = Object.freeze({
        snapshot,
        get search() {
          return (search ??= new PaperSearch(snapshot.papers, snapshot.topics, options.search));
        },
        get mentions() {
          return (mentions ??= new MentionDetector(snapshot.papers));
        },
        notes: { detect: (text: string) => findNoteMentions(text, core!.mentions, snapshot) },
        references,
      });
      cores.set(snapshot, core);
    }
    return core;
  };
  return Object.freeze({ library, current: () => over(library.snapshot()), over });
}

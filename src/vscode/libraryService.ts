// The library as the extension sees it: the core factory over the bundled corpus (read on first
// use, not at activation) and, later, the user's own sources; a change event for the views.
import * as vscode from 'vscode';
import type { LibrarySnapshot } from '../core/library/library';
import type { Paper } from '../core/library/model';
import { createPaperLens, type PaperLens, type PaperLensCore } from '../core/paperLens';
import { loadBundledCorpus } from '../node/bundledCorpusFile';

export class LibraryService implements vscode.Disposable {
  private lens: PaperLens | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<PaperLensCore>();
  /** Fires with the new core when a source is added, replaced or removed. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly corpusPath: string) {}

  /** The core over the library as it is now; the first call reads the bundled corpus (throws if it cannot). */
  current(): PaperLensCore {
    return this.paperLens().current();
  }

  snapshot(): LibrarySnapshot {
    return this.current().snapshot;
  }

  /** The core factory, created with the bundled corpus on first use. */
  paperLens(): PaperLens {
    if (!this.lens) {
      this.lens = createPaperLens({ sources: [loadBundledCorpus(this.corpusPath)] });
      this.lens.library.onDidChange(() => this.changeEmitter.fire(this.current()));
    }
    return this.lens;
  }

  /** Resolves what commands receive (a paper, a tree node, an id, a name) to a paper of the library. */
  resolvePaper(arg: unknown): Paper | undefined {
    if (!arg) return undefined;
    const snapshot = this.snapshot();
    if (typeof arg === 'string') return snapshot.paper(arg) ?? snapshot.lookup(arg)[0];
    if (typeof arg === 'object') {
      const o = arg as { paper?: Paper; id?: unknown; paperId?: unknown };
      if (o.paper && typeof o.paper.id === 'string') return snapshot.paper(o.paper.id) ?? o.paper;
      if (typeof o.paperId === 'string') return snapshot.paper(o.paperId);
      if (typeof o.id === 'string') return snapshot.paper(o.id);
    }
    return undefined;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

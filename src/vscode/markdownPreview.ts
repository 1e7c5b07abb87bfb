// Feature: paper names in VS Code's built-in markdown preview carry the paper's title and year on
// hover and link to the paper. The markdown extension asks every extension contributing
// `markdown.markdownItPlugins` for `extendMarkdownIt(md)` on the object `activate` returns; the
// plugin itself (src/core/markdown) finds mentions with the same detector as hover cards.
//
// The preview's own security rules stay in force: the plugin emits only `<a href="https://…">` or
// `<span>` with escaped `title` and `class` attributes — no script, no style, no `command:` link —
// and the preview's content security policy and link handling apply to them like to any link the
// note has. `paperLens.preview.enabled` turns it off (read at every render).
import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import type { LibrarySnapshot } from '../core/library/library';
import { paperMentionsPlugin, type PreviewMentionFinder } from '../core/markdown';

export interface MarkdownPreviewDeps {
  /** Everything in a note that refers to a paper (`core.notes`): loads the library on first use. */
  finder(): PreviewMentionFinder;
  snapshot(): LibrarySnapshot;
  enabled(): boolean;
}

/** The function `activate` returns as `extendMarkdownIt`. */
export function markdownItExtender(deps: MarkdownPreviewDeps): (md: MarkdownIt) => MarkdownIt {
  return md => md.use(paperMentionsPlugin, {
    enabled: () => deps.enabled(),
    finder: () => {
      try {
        return deps.finder();
      } catch {
        // A library that cannot load marks nothing: the preview itself must still render.
        return undefined;
      }
    },
    paper: (id: string) => deps.snapshot().paper(id),
  });
}

export function activateMarkdownPreview(context: vscode.ExtensionContext, deps: MarkdownPreviewDeps): (md: MarkdownIt) => MarkdownIt {
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(e => {
    // An open preview renders again with the setting's new value (the plugin reads it per render).
    if (e.affectsConfiguration('paperLens.preview.enabled')) void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined);
  }));
  return markdownItExtender(deps);
}

// Feature: completion of paper names (ranked by how the typed prefix starts a name), and of
// citation keys inside LaTeX's \cite{…}.
import { displayTitle } from '../core/library/display';
import * as vscode from 'vscode';
import type { LibrarySnapshot } from '../core/library/library';
import { displayName } from '../core/library/model';
import { citeContext } from '../core/references/citeContext';
import { citeKey, escapeMarkdownInline, paperUrl } from '../core/references/formats';
import { paperCardMarkdown } from '../ui/cardMarkdown';
import { type CompletionName, completionDescription, completionNames, rankCompletions } from '../ui/completionNames';
import type { DocumentScanner } from './documentScanner';
import { registerForLanguages } from './languages';

/** Characters a paper name is made of ("E²-LLM", "M-RoPE++", "Qwen2.5-1M"). */
const NAME_PREFIX = /[\p{L}\p{N}][\p{L}\p{N}.+²^_-]*/u;

export interface CompletionDeps {
  isEnabled(): boolean;
  insertAs(): 'name' | 'markdownLink';
  languages(): string[];
  snapshot(): LibrarySnapshot;
  scanner: DocumentScanner;
}

export class PaperCompletionProvider implements vscode.CompletionItemProvider {
  private names: { snapshot: LibrarySnapshot; names: CompletionName[] } | undefined;

  constructor(private readonly deps: CompletionDeps) {}

  private namesOf(snapshot: LibrarySnapshot): CompletionName[] {
    if (this.names?.snapshot !== snapshot) this.names = { snapshot, names: completionNames(snapshot.papers) };
    return this.names.names;
  }

  /** Inside \cite{…}: one item per paper, inserting its citation key. */
  private citeKeyItems(snapshot: LibrarySnapshot, replace: vscode.Range): vscode.CompletionItem[] {
    return snapshot.papers.map(paper => {
      const key = citeKey(paper);
      const item = new vscode.CompletionItem({ label: key, description: displayName(paper) }, vscode.CompletionItemKind.Reference);
      item.detail = displayTitle(paper);
      item.documentation = new vscode.MarkdownString(paperCardMarkdown(paper, snapshot));
      // Typing a name or a title word finds the key too.
      item.filterText = `${key} ${displayName(paper)} ${displayTitle(paper)}`;
      item.insertText = key;
      item.range = replace;
      return item;
    });
  }

  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position, _token: vscode.CancellationToken, context: vscode.CompletionContext): vscode.CompletionList | vscode.CompletionItem[] | undefined {
    if (!this.deps.isEnabled() || !this.deps.scanner.isEnabledFor(doc)) return undefined;
    const snapshot = this.deps.snapshot();
    const cite = citeContext(doc.lineAt(position.line).text.slice(0, position.character));
    if (cite) return this.citeKeyItems(snapshot, new vscode.Range(position.line, cite.keyStart, position.line, position.character));
    const range = doc.getWordRangeAtPosition(position, NAME_PREFIX);
    const typed = range ? doc.getText(new vscode.Range(range.start, position)) : '';
    // Typing one letter should not flood the list; asking explicitly (Ctrl+Space) always works.
    if (typed.length < 2 && context.triggerKind !== vscode.CompletionTriggerKind.Invoke) return undefined;
    const replace = range ? new vscode.Range(range.start, position) : new vscode.Range(position, position);
    const asLink = this.deps.insertAs() === 'markdownLink';
    const ranked = rankCompletions(this.namesOf(snapshot), typed);
    const items = ranked.map(({ name, paper }, i) => {
      const item = new vscode.CompletionItem({ label: name, description: completionDescription(name, paper) }, vscode.CompletionItemKind.Reference);
      item.detail = displayTitle(paper);
      item.documentation = new vscode.MarkdownString(paperCardMarkdown(paper, snapshot));
      const url = paperUrl(paper);
      item.insertText = asLink && url ? `[${escapeMarkdownInline(name)}](${url})` : name;
      // Our ranking decides the order: the editor's fuzzy filter keeps it because every item
      // starts as typed, and sortText is the rank.
      item.filterText = typed ? `${typed}${name}` : name;
      item.sortText = String(i).padStart(6, '0');
      item.range = replace;
      return item;
    });
    // Incomplete: the set depends on the typed prefix, so the editor asks again as it grows.
    return new vscode.CompletionList(items, true);
  }
}

export function activateCompletion(context: vscode.ExtensionContext, deps: CompletionDeps): void {
  const provider = new PaperCompletionProvider(deps);
  context.subscriptions.push(registerForLanguages(deps.languages, selector => vscode.languages.registerCompletionItemProvider(selector, provider)));
}

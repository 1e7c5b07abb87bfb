// Completion of paper names: typing the start of a name offers the papers it may mean.
import * as vscode from 'vscode';
import { displayName, type Paper } from '../core/model';
import { citeContext } from '../core/citeContext';
import { arxivUrl, citeKey, escapeMarkdownInline } from '../core/references';
import { paperCardMarkdown } from './cardMarkdown';
import type { DocumentScanner } from './documentScanner';
import type { PaperLensServices } from './services';

/** Characters a paper name is made of ("E²-LLM", "M-RoPE++", "Qwen2.5-1M"). */
const NAME_PREFIX = /[\p{L}\p{N}][\p{L}\p{N}.+²^_-]*/u;

export class PaperCompletionProvider implements vscode.CompletionItemProvider {
  private items: { name: string; paper: Paper }[] | undefined;

  constructor(private readonly services: PaperLensServices, private readonly scanner: DocumentScanner) {}

  /** Names worth completing: short name, title names and coined names (not spelling variants). */
  private names(): { name: string; paper: Paper }[] {
    if (!this.items) {
      const out: { name: string; paper: Paper }[] = [];
      for (const paper of this.services.corpus().papers) {
        const names = new Set<string>();
        if (paper.shortName) names.add(paper.shortName);
        for (const a of paper.aliases) if (a.origin !== 'variant' && a.name.length <= 40) names.add(a.name);
        if (!names.size) names.add(paper.title);
        for (const name of names) out.push({ name, paper });
      }
      this.items = out;
    }
    return this.items;
  }

  /** Inside \cite{…}: one item per paper, inserting its citation key. */
  private citeKeyItems(replace: vscode.Range): vscode.CompletionItem[] {
    const corpus = this.services.corpus();
    return corpus.papers.map(paper => {
      const key = citeKey(paper);
      const item = new vscode.CompletionItem({ label: key, description: displayName(paper) }, vscode.CompletionItemKind.Reference);
      item.detail = paper.title;
      item.documentation = new vscode.MarkdownString(paperCardMarkdown(paper, corpus));
      // Typing a name or a title word finds the key too.
      item.filterText = `${key} ${displayName(paper)} ${paper.title}`;
      item.insertText = key;
      item.range = replace;
      return item;
    });
  }

  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position, _token: vscode.CancellationToken, context: vscode.CompletionContext): vscode.CompletionItem[] | undefined {
    if (!this.services.config.completionEnabled || !this.scanner.isEnabledFor(doc)) return undefined;
    const cite = citeContext(doc.lineAt(position.line).text.slice(0, position.character));
    if (cite) return this.citeKeyItems(new vscode.Range(position.line, cite.keyStart, position.line, position.character));
    const range = doc.getWordRangeAtPosition(position, NAME_PREFIX);
    const typed = range ? doc.getText(new vscode.Range(range.start, position)) : '';
    // Typing one letter should not flood the list; asking explicitly (Ctrl+Space) always works.
    if (typed.length < 2 && context.triggerKind !== vscode.CompletionTriggerKind.Invoke) return undefined;
    const replace = range ? new vscode.Range(range.start, position) : new vscode.Range(position, position);
    const asLink = this.services.config.completionInsert === 'markdownLink';
    const corpus = this.services.corpus();
    return this.names().map(({ name, paper }) => {
      const item = new vscode.CompletionItem({ label: name, description: name === displayName(paper) ? String(paper.year) : `${displayName(paper)} · ${paper.year}` }, vscode.CompletionItemKind.Reference);
      item.detail = paper.title;
      item.documentation = new vscode.MarkdownString(paperCardMarkdown(paper, corpus));
      item.insertText = asLink ? `[${escapeMarkdownInline(name)}](${arxivUrl(paper)})` : name;
      item.filterText = name;
      item.range = replace;
      item.sortText = name.toLowerCase();
      return item;
    });
  }
}

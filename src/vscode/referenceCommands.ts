// Feature: references to a paper — copy a markdown link, BibTeX, \cite{} or the configured format;
// insert a reference at the cursor (one normal, undoable edit); open the paper's page.
import * as vscode from 'vscode';
import { displayName, type Paper } from '../core/library/model';
import type { PaperLensCore } from '../core/paperLens';
import type { ReferenceFormat } from '../core/references/formats';
import { type PaperPicker, registerPaperCommand } from './paperCommands';

export interface ReferenceCommandDeps {
  references: PaperLensCore['references'];
  format(): ReferenceFormat | 'auto';
  picker: PaperPicker;
}

async function copy(text: string, message: string): Promise<string> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(check) ${message}`, 3000);
  return text;
}

export function activateReferenceCommands(context: vscode.ExtensionContext, deps: ReferenceCommandDeps): void {
  const { references: refs, picker } = deps;
  // The last text editor that had focus: the details webview takes focus, and insertions still go there.
  let lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  const formatFor = (languageId: string | undefined): ReferenceFormat => {
    const format = deps.format();
    return format === 'auto' ? refs.autoFormat(languageId ?? 'markdown') : format;
  };

  const targetEditor = () => vscode.window.activeTextEditor ?? lastEditor;
  const insertReference = async (paper: Paper, editor: vscode.TextEditor | undefined): Promise<boolean> => {
    if (!editor || editor.document.isClosed) {
      void vscode.window.showWarningMessage('Paper Lens: open a file and place the cursor where the reference should go.');
      return false;
    }
    const text = refs.format(paper, formatFor(editor.document.languageId));
    const ok = await editor.edit(builder => {
      for (const sel of editor.selections) builder.replace(sel, text);
    });
    if (!ok) void vscode.window.showErrorMessage('Paper Lens: the editor did not accept the edit (is the file read-only?).');
    return ok;
  };

  const openPage = async (paper: Paper): Promise<boolean> => {
    const url = refs.paperUrl(paper);
    if (!url) {
      void vscode.window.showInformationMessage(`Paper Lens: ${displayName(paper)} has no arXiv id, DOI or link to open.`);
      return false;
    }
    return vscode.env.openExternal(vscode.Uri.parse(url));
  };

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(e => {
      if (e) lastEditor = e;
    }),
    registerPaperCommand('paperLens.copyMarkdownLink', 'Copy a markdown link to which paper?', picker, p => copy(refs.markdownLink(p), `Copied link to ${displayName(p)}`)),
    registerPaperCommand('paperLens.copyBibtex', 'Copy BibTeX for which paper?', picker, p => copy(refs.bibtex(p), `Copied BibTeX for ${displayName(p)}`)),
    registerPaperCommand('paperLens.copyCiteKey', 'Copy \\cite{} for which paper?', picker, p => copy(refs.cite(p), `Copied ${refs.cite(p)}`)),
    registerPaperCommand('paperLens.copyReference', 'Copy a reference to which paper?', picker, (p, editor) =>
      copy(refs.format(p, formatFor(editor?.document.languageId)), `Copied reference to ${displayName(p)}`), targetEditor),
    registerPaperCommand('paperLens.insertReference', 'Insert a reference to which paper?', picker, insertReference, targetEditor),
    registerPaperCommand('paperLens.openArxiv', 'Open which paper on arXiv?', picker, openPage),
  );
}

// Commands about one paper ("Copy BibTeX", "Open Paper Details", …) take a paper id, a tree node,
// or nothing — then they ask with the search picker. One helper registers them all alike.
import * as vscode from 'vscode';
import type { Paper } from '../core/library/model';

/** How a command finds its paper: from its argument, or by asking the user. */
export interface PaperPicker {
  resolve(arg: unknown): Paper | undefined;
  pick(title: string): Promise<Paper | undefined>;
}

/**
 * Registers a paper command. `capture` runs when the command starts, before any picker opens, and
 * its result reaches `run`: what the user was doing then (the editor to insert into) is what counts,
 * not where focus lands after the picker closes.
 */
export function registerPaperCommand<C = undefined>(id: string, placeholder: string, picker: PaperPicker, run: (paper: Paper, captured: C) => unknown, capture?: () => C): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (arg?: unknown) => {
    const captured = capture?.() as C;
    let paper: Paper | undefined;
    try {
      paper = arg === undefined ? await picker.pick(placeholder) : picker.resolve(arg);
    } catch (e) {
      void vscode.window.showErrorMessage(`Paper Lens: ${(e as Error).message}`);
      return undefined;
    }
    if (!paper) {
      // Dismissing the picker is no error; an id that names no paper is.
      if (arg !== undefined) void vscode.window.showWarningMessage(`Paper Lens: no paper matches ${JSON.stringify(typeof arg === 'string' ? arg : String(arg))}.`);
      return undefined;
    }
    return run(paper, captured);
  });
}

// Papers whose details the user opened lately, newest first (the search picker lists them first).
import * as vscode from 'vscode';
import type { Paper } from '../core/library/model';

const RECENT_KEY = 'paperLens.recentPapers';
const MAX_RECENT = 10;

export class RecentPapers implements vscode.Disposable {
  private readonly openedEmitter = new vscode.EventEmitter<Paper>();
  readonly onDidOpen = this.openedEmitter.event;

  constructor(private readonly state: vscode.Memento) {}

  ids(): string[] {
    return this.state.get<string[]>(RECENT_KEY, []);
  }

  async opened(paper: Paper): Promise<void> {
    const recent = [paper.id, ...this.ids().filter(id => id !== paper.id)].slice(0, MAX_RECENT);
    await this.state.update(RECENT_KEY, recent);
    this.openedEmitter.fire(paper);
  }

  dispose(): void {
    this.openedEmitter.dispose();
  }
}

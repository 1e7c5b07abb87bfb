// Typed access to the `paperLens.*` settings, read fresh each time so changes apply at once.
import * as vscode from 'vscode';
import { REFERENCE_FORMATS, type ReferenceFormat } from '../core/references/formats';
import type { GroupBy } from '../ui/paperGroups';

export const DEFAULT_LANGUAGES = ['markdown', 'plaintext', 'latex'];

export class PaperLensConfig {
  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('paperLens');
  }
  get hoverEnabled(): boolean {
    return this.section.get<boolean>('hover.enabled', true);
  }
  get languages(): string[] {
    return this.section.get<string[]>('hover.languages', DEFAULT_LANGUAGES);
  }
  get completionEnabled(): boolean {
    return this.section.get<boolean>('completion.enabled', true);
  }
  get completionInsert(): 'name' | 'markdownLink' {
    return this.section.get<string>('completion.insert', 'name') === 'markdownLink' ? 'markdownLink' : 'name';
  }
  /** The format "Insert reference" and "Copy reference" use. */
  get referenceFormat(): ReferenceFormat | 'auto' {
    const f = this.section.get<string>('reference.format', 'auto');
    return (REFERENCE_FORMATS as readonly string[]).includes(f) ? (f as ReferenceFormat) : 'auto';
  }
  get groupBy(): GroupBy {
    const g = this.section.get<string>('tree.groupBy', 'topic');
    return g === 'year' || g === 'none' ? g : 'topic';
  }
  async setGroupBy(value: GroupBy): Promise<void> {
    await this.section.update('tree.groupBy', value, vscode.ConfigurationTarget.Global);
  }
}

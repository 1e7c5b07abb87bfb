// Providers for the languages Paper Lens reads (setting `paperLens.hover.languages`), registered
// again whenever the setting changes.
import * as vscode from 'vscode';

export function registerForLanguages(languages: () => string[], register: (selector: vscode.DocumentSelector) => vscode.Disposable): vscode.Disposable {
  let registration: vscode.Disposable | undefined;
  const apply = () => {
    registration?.dispose();
    registration = register(languages().map(language => ({ language })));
  };
  apply();
  const listener = vscode.workspace.onDidChangeConfiguration(e => {
    if (e.affectsConfiguration('paperLens.hover.languages')) apply();
  });
  return { dispose: () => { listener.dispose(); registration?.dispose(); } };
}

import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('paperLens.showVersion', () => {
      const version: string = context.extension.packageJSON.version;
      void vscode.window.showInformationMessage(`Paper Lens ${version}`);
      return version;
    }),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

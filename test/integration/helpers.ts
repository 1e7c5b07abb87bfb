import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'paper-lens.paper-lens';

/** Activates Paper Lens and returns its exported test seam. */
export async function activatePaperLens(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
  await ext.activate();
  return ext;
}

import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PaperLensApi, PaperLensTestHooks } from '../../src/extension';

export const EXTENSION_ID = 'paper-lens.paper-lens';

/** Activates Paper Lens and returns its exported API. */
export async function activatePaperLensApi(): Promise<PaperLensApi> {
  const ext = vscode.extensions.getExtension<PaperLensApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
  return ext.activate();
}

/** Activates Paper Lens and returns its test hooks (the extension exposes them only in a test host). */
export async function activatePaperLens(): Promise<PaperLensTestHooks> {
  const api = await activatePaperLensApi();
  assert.ok(api.testing, 'Paper Lens exposes no test hooks: is the extension host running tests (ExtensionMode.Test)?');
  return api.testing;
}

/** Polls until `check` returns a truthy value (views and webviews update asynchronously). */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

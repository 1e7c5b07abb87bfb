import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
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

/** The test workspace's `.vscode` folder: tests that write workspace settings put it back as it was. */
export const WORKSPACE_SETTINGS_DIR = path.resolve(__dirname, '../../..', 'test', 'fixtures', 'workspace', '.vscode');

/**
 * Remembers the test workspace's settings file as it is now; the function returned puts it back
 * byte for byte (VS Code rewrites the whole file when a test sets and clears a value), or removes
 * the folder when there was none.
 */
export function keepWorkspaceSettings(): () => void {
  const file = path.join(WORKSPACE_SETTINGS_DIR, 'settings.json');
  const hadFolder = fs.existsSync(WORKSPACE_SETTINGS_DIR);
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  return () => {
    if (!hadFolder) fs.rmSync(WORKSPACE_SETTINGS_DIR, { recursive: true, force: true });
    else if (text !== undefined) fs.writeFileSync(file, text);
  };
}

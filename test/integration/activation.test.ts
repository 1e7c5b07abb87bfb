import * as assert from 'assert';
import * as vscode from 'vscode';
import { activatePaperLensApi, EXTENSION_ID } from './helpers';

describe('activation', () => {
  it('does not activate on "*"', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const events: string[] = ext.packageJSON.activationEvents ?? [];
    assert.ok(!events.includes('*'), 'activationEvents must not contain "*"');
  });

  it('activates and registers every command it contributes', async () => {
    const api = await activatePaperLensApi();
    // Reported, not asserted: timing belongs in benchmarks, not tests.
    console.log(`[paper-lens tests] activate() took ${api.activationMs.toFixed(1)} ms`);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.strictEqual(ext.isActive, true);
    const contributed: string[] = ext.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter(c => !registered.has(c));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('hands other extensions no internals (test hooks only in a test host)', async () => {
    const api = await activatePaperLensApi();
    // extendMarkdownIt is the markdown preview's hook (markdown.markdownItPlugins): a function, no state.
    assert.deepStrictEqual(Object.keys(api).sort(), ['activationMs', 'extendMarkdownIt', 'testing']);
    assert.strictEqual(typeof api.extendMarkdownIt, 'function');
  });
});

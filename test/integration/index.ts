// Entry point the VS Code extension host loads through extensionTestsPath (both the offline
// code-server route, scripts/host/runTests.js, and @vscode/test-electron). It must export run().
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export function run(): Promise<void> {
  // Printed first so every log shows which real VS Code the suite ran in.
  console.log(`[paper-lens tests] running in VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI)`);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000 });
  const grep = process.env.PAPER_LENS_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    mocha.run(failures => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}

// The same integration suite through @vscode/test-electron, for machines that can download VS Code
// (desktop Electron build). On machines that cannot, use `npm run test:integration` (offline host).
//   npm run build && npm run test:electron
const path = require('path');
const { runTests } = require('@vscode/test-electron');

async function main() {
  const root = path.resolve(__dirname, '..');
  await runTests({
    // Match the offline host's VS Code unless told otherwise, so both routes test the same API.
    version: process.env.VSCODE_VERSION || '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index'),
    launchArgs: [path.join(root, 'test', 'fixtures', 'workspace'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch(err => {
  console.error('Integration tests failed:', err.message || err);
  process.exit(1);
});

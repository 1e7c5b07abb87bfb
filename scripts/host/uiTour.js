// Uses Paper Lens the way a person would, in the real workbench in headless Chromium, and saves
// screenshots: the sidebar tree, a hover card, the search quick pick, the details view, the
// "In This Document" and "In This Workspace" views, a citation key's card from the user's .bib and
// the card of an unknown arXiv link. Fails (exit 1) when an expected element does not show up.
//
//   npm run build && node scripts/host/uiTour.js [--out media/screenshots]
//   node scripts/host/uiTour.js --installed DIR   the same tour on a .vsix installed into extensions
//                                                  dir DIR (code-server --install-extension x.vsix
//                                                  --extensions-dir DIR), not the dev folder
const fs = require('fs');
const path = require('path');
const { PROJECT_DIR, ensureHost, startServer, launchBrowser, workbenchUrl } = require('./hostLib');

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const OUT = path.resolve(PROJECT_DIR, opt('out', '.vscode-test/screenshots'));
const FOLDER = path.join(PROJECT_DIR, 'samples');
const INSTALLED = opt('installed') && path.resolve(opt('installed'));
const T0 = Date.now();
const log = (...a) => console.log(`[tour +${((Date.now() - T0) / 1000).toFixed(1)}s]`, ...a);

async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15000 });
  await page.keyboard.type(name);
  await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 15000 });
  await page.waitForTimeout(400);
  await page.keyboard.press('Enter');
  await page.locator('.editor-instance .view-lines').first().waitFor({ timeout: 20000 });
}

async function runCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15000 });
  await page.keyboard.type(title);
  await page.waitForTimeout(500);
  await page.keyboard.press('Enter');
}

/** Moves the mouse onto the first on-screen occurrence of `word` in the editor. */
async function hoverWord(page, word) {
  const box = await page.evaluate(w => {
    // Every visible editor, the most recently opened (rightmost group) first.
    for (const lines of [...document.querySelectorAll('.editor-instance .view-lines')].reverse()) {
    const walker = document.createTreeWalker(lines, NodeFilter.SHOW_TEXT);
    for (let n; (n = walker.nextNode());) {
      const i = n.textContent.indexOf(w);
      if (i >= 0) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + w.length);
        const b = r.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      }
    }
    }
    return null;
  }, word);
  if (!box) throw new Error(`word not visible in the editor: ${word}`);
  await page.mouse.move(box.x - 30, box.y);
  await page.mouse.move(box.x, box.y, { steps: 5 });
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const csHome = ensureHost();
  const server = await startServer({ csHome, extensionsDir: INSTALLED });
  const browser = await launchBrowser(server.work, { width: 1440, height: 900 });
  let rc = 0;
  const page = browser.pages()[0] || await browser.newPage();
  const shot = async name => {
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(OUT, name) });
    log('saved', path.relative(PROJECT_DIR, path.join(OUT, name)));
  };
  try {
    await page.goto(workbenchUrl(server.hostport, FOLDER, INSTALLED ? {} : { extensionPath: PROJECT_DIR }));
    await page.waitForSelector('.monaco-workbench .activitybar', { timeout: 60000 });
    log('workbench loaded');

    // 1. Sidebar: the Papers tree, one topic expanded.
    const container = page.locator('.activitybar .action-item a[aria-label^="Paper Lens"]').first();
    await container.waitFor({ timeout: 60000 });
    await container.click();
    const topic = page.locator('.sidebar .monaco-list-row', { hasText: 'KV cache compression' }).first();
    await topic.waitFor({ timeout: 30000 });
    await topic.click();
    await page.locator('.sidebar .monaco-list-row', { hasText: 'DuoAttention' }).first().waitFor({ timeout: 15000 });
    log('tree shows topics and papers');

    // 2. A note, and a hover card on a paper name.
    await openFile(page, 'kv-cache-reading-list.md');
    await page.locator('.editor-instance .view-line', { hasText: 'DuoAttention' }).first().waitFor({ timeout: 20000 });
    await page.waitForTimeout(1500);
    await hoverWord(page, 'DuoAttention');
    await page.locator('.monaco-hover:not(.hidden)', { hasText: 'Xiao et al' }).first().waitFor({ state: 'visible', timeout: 20000 });
    log('hover card visible');
    await shot('hover-and-tree.png');
    await page.mouse.move(5, 450);
    await page.keyboard.press('Escape');

    // 3. "In This Document".
    const mentionsRow = page.locator('.sidebar .monaco-list-row', { hasText: 'GemFilter' }).first();
    await mentionsRow.waitFor({ timeout: 20000 }).catch(async () => {
      await page.locator('.sidebar .pane-header', { hasText: /in this document/i }).first().click();
      await mentionsRow.waitFor({ timeout: 20000 });
    });
    log('In This Document lists the note\'s papers');

    // 4. Search quick pick: a question in a searcher's own words, then a topic.
    await runCommand(page, 'Paper Lens: Search Papers');
    await page.waitForTimeout(800);
    await page.keyboard.type('training runs out of GPU memory with very long sequences');
    await page.waitForTimeout(600);
    await page.locator('.quick-input-list .monaco-list-row').nth(2).waitFor({ timeout: 15000 });
    log('quick pick answers a question');
    await shot('search-question.png');
    await page.keyboard.press('Escape');
    await runCommand(page, 'Paper Lens: Search Papers');
    await page.waitForTimeout(800);
    await page.keyboard.type('kv cache eviction');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Locret' }).first().waitFor({ timeout: 15000 });
    log('quick pick ranks results');
    await shot('search-quick-pick.png');

    // 5. Details view of the top result.
    await page.keyboard.press('Enter');
    const frame = await (async () => {
      for (let i = 0; i < 100; i++) {
        for (const f of page.frames()) {
          if (await f.locator('h1').count().catch(() => 0)) return f;
        }
        await page.waitForTimeout(200);
      }
      throw new Error('details webview did not render');
    })();
    await frame.locator('h2', { hasText: 'Abstract' }).first().waitFor({ timeout: 15000 });
    log('details view rendered');
    await shot('details-view.png');

    // 6. A chapter citing the user's own library: a card on a citation key, decoded from the .bib.
    await openFile(page, 'thesis-draft.md');
    await page.locator('.editor-instance .view-line', { hasText: 'dao2022flashattention' }).first().waitFor({ timeout: 20000 });
    await page.waitForTimeout(1500);
    await hoverWord(page, 'dao2022flashattention');
    await page.locator('.monaco-hover:not(.hidden)', { hasText: 'FlashAttention' }).first().waitFor({ state: 'visible', timeout: 20000 });
    log('citation key card visible');
    await shot('citation-key-card.png');
    await page.mouse.move(5, 450);
    await page.keyboard.press('Escape');

    // 7. An arXiv link to a paper nobody has yet: a small card that offers to fetch it (nothing is sent on hover).
    await hoverWord(page, '2502.12345');
    await page.locator('.monaco-hover:not(.hidden)', { hasText: 'Fetch details' }).first().waitFor({ state: 'visible', timeout: 20000 });
    log('unknown arXiv card offers Fetch details');
    await shot('unknown-arxiv-card.png');
  } catch (e) {
    console.error('[tour] FAILED:', e.message);
    await page.screenshot({ path: path.join(OUT, 'failure.png') }).catch(() => {});
    rc = 1;
  } finally {
    await browser.close().catch(() => {});
    server.stop();
  }
  return rc;
}

main().then(code => process.exit(code), e => { console.error(e); process.exit(3); });

import * as assert from 'assert';
import type { Paper } from '../../src/core/library/model';
import { summarySentences } from '../../src/ui/abstractSummary';
import { ambiguousCardMarkdown, escapeMarkdown, markdownUrl, paperCardMarkdown } from '../../src/ui/cardMarkdown';
import { detailsHtml, escapeHtml, safeHttpUrl } from '../../src/ui/detailsHtml';
import { testCorpus } from './testCorpus';

const HOSTILE_ABSTRACT = 'We show <img src=x onerror="alert(1)"> and <script>alert(2)</script>. Click [here](command:workbench.action.files.delete) or <command:foo> or ![x](https://evil.example/x.png). **Bold** `code` # heading';

function hostilePaper(): Paper {
  return {
    ...testCorpus().paper('2410.10819')!,
    title: 'Evil [title](command:x) <b>bold</b>',
    abstract: HOSTILE_ABSTRACT,
    links: [
      { kind: 'code', url: 'javascript:alert(1)', label: 'Code' },
      { kind: 'project', url: 'https://example.com/a_(b)', label: 'Page](command:x)' },
    ],
  };
}

/** Markdown constructs that would be live if unescaped. */
function liveConstructs(md: string): string[] {
  const unescaped = md.replace(/\\[\s\S]/g, '');
  const found: string[] = [];
  if (/<[a-z!/]/i.test(unescaped)) found.push('html');
  if (/\[[^\]]*\]\(command:(?!paperLens\.)/.test(md.replace(/\\\[/g, ''))) found.push('foreign command link');
  if (/!\[/.test(unescaped)) found.push('image');
  return found;
}

describe('card markdown', () => {
  it('escapes every markdown and HTML construct in corpus text', () => {
    const escaped = escapeMarkdown(HOSTILE_ABSTRACT);
    assert.deepStrictEqual(liveConstructs(escaped), []);
    assert.ok(!/(^|[^\\])[[\]()<>*`#!]/.test(escaped), escaped);
  });

  it('renders a hostile paper inert, keeping only our own links', () => {
    const md = paperCardMarkdown(hostilePaper(), testCorpus(), { commands: true });
    assert.deepStrictEqual(liveConstructs(md), []);
    assert.ok(!md.includes('javascript:'), 'javascript: link kept');
    assert.match(md, /\[Page\\\]\\\(command:x\\\)\]\(https:\/\/example\.com\/a_%28b%29\)/);
    assert.match(md, /\(command:paperLens\.openDetails\?/);
  });

  it('shows name, title, year, author, topic, lead sentences and links', () => {
    const md = paperCardMarkdown(testCorpus().paper('2410.10819')!, testCorpus());
    assert.match(md, /^\*\*DuoAttention\*\* — DuoAttention: Efficient Long\\-Context LLM/);
    assert.match(md, /\n2024 · Xiao et al\\\. · KV cache compression \\& eviction\n/);
    assert.match(md, /\[arXiv\]\(https:\/\/arxiv\.org\/abs\/2410\.10819\)/);
    assert.match(md, /\[Code\]\(https:\/\/github\.com\/mit-han-lab\/duo-attention\)/);
    assert.ok(!md.includes('command:'), 'tooltips get no command links');
  });

  it('lists each candidate of an ambiguous name', () => {
    const md = ambiguousCardMarkdown('Giraffe', testCorpus().lookup('Giraffe'), testCorpus());
    assert.match(md, /^\*\*Giraffe\*\* may refer to 2 papers:/);
    assert.strictEqual(md.split('\n---\n').length, 3);
  });

  it('cuts abstracts after a few sentences, not inside "e.g." or "1.5B"', () => {
    const text = 'First sentence uses e.g. this and 1.5B params. Second one. Third one here. Fourth.';
    assert.strictEqual(summarySentences(text, 500, 2), 'First sentence uses e.g. this and 1.5B params. Second one.');
  });

  it('opens with what the paper contributes and achieves, not its motivation', () => {
    const text = 'Large language models are seeing growing use for long documents. However, their memory grows with the context. '
      + 'In this work, we propose Quokka, a striped cache that keeps one head in ten. Quokka cuts memory by 4.2× with no loss in accuracy. '
      + 'Code is available online.';
    assert.strictEqual(summarySentences(text, 500, 2), 'In this work, we propose Quokka, a striped cache that keeps one head in ten. Quokka cuts memory by 4.2× with no loss in accuracy.');
    const finding = 'Over more than a decade, retrieval has changed. We show that long-context models still fail at multi-hop questions. They do.';
    assert.match(summarySentences(finding, 500, 1), /^We show that/);
    const plain = 'A survey of caches. It covers many. And more.';
    assert.strictEqual(summarySentences(plain, 500, 2), 'A survey of caches. It covers many.', 'no contribution sentence: the first ones');
  });

  it('gives most bundled papers a card that starts with their contribution', () => {
    const cue = /\b(?:we|this (?:paper|work|study)|our)\b[^.]{0,60}?\b(?:propose|introduce|present)/i;
    const papers = testCorpus().papers.filter(p => cue.test(p.abstract));
    const leading = papers.filter(p => cue.test(summarySentences(p.abstract, 320, 3).split(/(?<=[.!?])\s+(?=[A-Z])/)[0]));
    assert.ok(papers.length > 60, String(papers.length));
    assert.ok(leading.length / papers.length >= 0.9, `${leading.length} of ${papers.length}`);
  });

  it('accepts only http(s) URLs', () => {
    assert.strictEqual(markdownUrl('javascript:alert(1)'), undefined);
    assert.strictEqual(markdownUrl('command:foo'), undefined);
    assert.strictEqual(markdownUrl('https://a.b/c d'), 'https://a.b/c%20d');
  });
});

describe('details page HTML', () => {
  const res = { cspSource: 'vscode-resource:', nonce: 'n0nce', styleUri: 'style.css', scriptUri: 'details.js' };

  it('escapes all corpus text and drops non-http links', () => {
    const html = detailsHtml(hostilePaper(), testCorpus(), [], res);
    assert.strictEqual((html.match(/<script\b/g) ?? []).length, 1);
    assert.ok(!/<img\b|<b>|href="javascript:|href="command:/.test(html));
    assert.match(html, /&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt;/);
    // Attribute values are entity-decoded by the browser: &#39; is a quote in the policy.
    assert.match(html, /script-src &#39;nonce-n0nce&#39;/);
    assert.match(html, /default-src &#39;none&#39;/);
  });

  it('lists related papers as clickable items', () => {
    const c = testCorpus();
    const html = detailsHtml(c.paper('2410.10819')!, c, [{ paper: c.paper('2404.15574')!, reason: 'shares: retrieval heads' }], res);
    assert.match(html, /data-action="openPaper" data-paper="2404\.15574">Retrieval Head<\/a>/);
  });

  it('escapes HTML and checks URLs', () => {
    assert.strictEqual(escapeHtml(`<a href="x" onclick='y'>&</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    assert.strictEqual(safeHttpUrl('javascript:alert(1)'), undefined);
    assert.strictEqual(safeHttpUrl('https://github.com/a/b'), 'https://github.com/a/b');
  });
});

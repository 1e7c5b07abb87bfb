// The preview plugin rendered through real markdown-it (VS Code's preview uses markdown-it 14 too),
// asserting the HTML.
import * as assert from 'assert';
import * as fc from 'fast-check';
import * as fs from 'fs';
import MarkdownIt from 'markdown-it';
import * as path from 'path';
import { MENTION_CLASS, paperHref, type PaperMentionsPluginOptions, paperMentionsPlugin, type PreviewMentionFinder, type PreviewPaper } from '../../src/core/markdown';
import { MentionDetector } from '../../src/core/mentions';
import { corpusData, ROOT, testCorpus } from './testCorpus';

let detector: MentionDetector | undefined;
const corpusFinder = () => (detector ??= new MentionDetector(corpusData().papers));
const paperOf = (id: string) => testCorpus().paper(id);
const idOf = (name: string) => testCorpus().lookup(name)[0].id;

/** markdown-it as VS Code's preview configures it (html, linkify, typographer on), with the plugin. */
function renderer(options: Partial<PaperMentionsPluginOptions> = {}, config: MarkdownIt.Options = {}): MarkdownIt {
  return new MarkdownIt({ html: true, linkify: true, typographer: true, ...config }).use(paperMentionsPlugin, { finder: corpusFinder, paper: paperOf, ...options });
}

const plain = (config: MarkdownIt.Options = {}) => new MarkdownIt({ html: true, linkify: true, typographer: true, ...config });

/** The marked names of a rendering: [text, href or null]. */
function marks(html: string): [string, string | null][] {
  const out: [string, string | null][] = [];
  for (const m of html.matchAll(/<(a|span) ([^>]*class="paper-lens-mention[^"]*"[^>]*)>(.*?)<\/\1>/g)) {
    const href = /href="([^"]*)"/.exec(m[2]);
    out.push([m[3], href ? href[1] : null]);
  }
  return out;
}

/** The rendering with every mark taken out: must equal markdown-it's own output. */
function unmarked(html: string): string {
  return html.replace(/<(a|span) [^>]*class="paper-lens-mention[^"]*"[^>]*>(.*?)<\/\1>/g, '$2');
}

describe('markdown preview plugin', () => {
  it('links a paper name to its arXiv page with its title and year on hover', () => {
    const id = idOf('DuoAttention');
    const html = renderer().render('DuoAttention keeps a full KV cache only for retrieval heads.');
    const p = paperOf(id)!;
    assert.strictEqual(html, `<p><a href="https://arxiv.org/abs/${id}" class="${MENTION_CLASS}" title="${p.title} (${p.year})">DuoAttention</a> keeps a full KV cache only for retrieval heads.</p>\n`);
  });

  it('marks names in lists, quotes, nested containers, tables, emphasis and headings', () => {
    const md = [
      '# LongLoRA notes',
      '',
      'Setext KVQuant heading',
      '---',
      '',
      '> - DuoAttention in a quoted list item,',
      '>   continued: *KVQuant* in emphasis.',
      '',
      '1. First',
      '   - nested: LongLoRA',
      '',
      '| paper | note |',
      '|-------|------|',
      '| KVQuant | LongLoRA and DuoAttention |',
    ].join('\n');
    const found = marks(renderer().render(md)).map(([t]) => t);
    assert.deepStrictEqual(found, ['LongLoRA', 'KVQuant', 'DuoAttention', 'KVQuant', 'LongLoRA', 'KVQuant', 'LongLoRA', 'DuoAttention']);
  });

  it('never marks inside code spans, fenced or indented code, links, autolinks, inline or block HTML, or image alt text', () => {
    const md = [
      'Code `DuoAttention` and ``x ` DuoAttention`` spans.',
      '',
      '```',
      'DuoAttention in a fence',
      '```',
      '',
      '    DuoAttention indented code',
      '',
      'A [DuoAttention](https://example.org/duo) link, a [ref][r] link, <https://example.org/DuoAttention> and https://example.org/LongLoRA too.',
      '',
      'Inline <a href="https://example.org">DuoAttention</a> and <span title="x">LongLoRA</span> HTML.',
      '',
      '<div>',
      'DuoAttention in an HTML block',
      '</div>',
      '',
      '![DuoAttention figure](duo.png)',
      '',
      '[r]: https://example.org/ref "DuoAttention"',
    ].join('\n');
    const html = renderer().render(md.replace('[ref][r]', '[DuoAttention][r]'));
    assert.deepStrictEqual(marks(html), []);
    assert.strictEqual(html, plain().render(md.replace('[ref][r]', '[DuoAttention][r]')));
    // …while the same names outside those places are marked.
    assert.deepStrictEqual(marks(renderer().render('After `code`, DuoAttention; after [a link](https://x.org), LongLoRA; after <b>html</b>, KVQuant.')).map(([t]) => t), ['DuoAttention', 'LongLoRA', 'KVQuant']);
  });

  it('leaves a name alone that emphasis, an escape, an entity or a line break splits', () => {
    // A finder that reports the whole split span, as a detector reading the source might.
    for (const span of ['Duo*Attention', 'KV\\-Quant', 'KV&#45;Quant', 'Long\nLoRA', 'Duo`Attention`']) {
      const src = `Before ${span}* after.`;
      const finder: PreviewMentionFinder = { detect: t => (t.includes(span) ? [{ start: t.indexOf(span), end: t.indexOf(span) + span.length, text: span, papers: [idOf('DuoAttention')], ambiguous: false }] : []) };
      assert.strictEqual(finder.detect(src).length, 1);
      assert.strictEqual(renderer({ finder: () => finder }).render(src), plain().render(src), span);
    }
  });

  it('marks nothing where a finder\'s text is not what the source holds', () => {
    const src = 'Hello world, DuoAttention.';
    const drifted: PreviewMentionFinder = { detect: () => [{ start: 0, end: 5, text: 'Other', papers: [idOf('DuoAttention')], ambiguous: false }] };
    assert.strictEqual(renderer({ finder: () => drifted }).render(src), plain().render(src));
  });

  it('keeps heading text, hence the anchors slugified from it, unchanged', () => {
    // VS Code's preview and markdown-it-anchor build a heading's id from its inline children's content.
    const slugs = (md: MarkdownIt, src: string) => md.parse(src, {}).filter(t => t.type === 'inline').map(t => (t.children ?? []).map(c => c.content).join(''));
    const src = '# DuoAttention vs LongLoRA\n\n## Why KVQuant?\n';
    assert.deepStrictEqual(slugs(renderer(), src), slugs(plain(), src));
    assert.strictEqual(marks(renderer().render(src)).length, 3);
  });

  it('marks what the editor\'s hover finds: names are detected on the whole note, with its headings and sections', () => {
    // "Titans" is an ordinary word: in a heading it needs evidence from the section under it, which
    // only a detector that sees the whole note has.
    const titans = '## Titans\n\nA neural long-term memory module that learns to memorize historical context at test time.\n';
    assert.deepStrictEqual(marks(renderer().render(titans)), [['Titans', `https://arxiv.org/abs/${idOf('Titans')}`]]);
    const fixture = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'workspace', 'reading-notes.md'), 'utf8');
    const detected = corpusFinder().detect(fixture).map(m => m.text);
    assert.deepStrictEqual(marks(renderer().render(fixture)).map(([t]) => t), detected);
    assert.ok(!detected.some(t => /dolphin/i.test(t)), 'the animal is not a paper');
  });

  it('reads the same source with Windows line endings', () => {
    const src = '# Notes\r\n\r\n- DuoAttention first\r\n- then LongLoRA\r\n';
    assert.deepStrictEqual(marks(renderer().render(src)).map(([t]) => t), ['DuoAttention', 'LongLoRA']);
  });

  it('gives an ambiguous name every candidate on hover and no link', () => {
    const finder: PreviewMentionFinder = { detect: t => [...t.matchAll(/Giraffe/g)].map(m => ({ start: m.index, end: m.index + 7, text: 'Giraffe', papers: testCorpus().lookup('Giraffe').map(p => p.id), ambiguous: true })) };
    const html = renderer({ finder: () => finder }).render('Giraffe extends context.');
    assert.match(html, /^<p><span class="paper-lens-mention paper-lens-mention-ambiguous" title="One of: [^"]+ · [^"]+">Giraffe<\/span> extends context\.<\/p>\n$/);
    assert.ok(!html.includes('href'));
  });

  describe('links and escaping', () => {
    const fake = (paper: Partial<PreviewPaper>): MarkdownIt => {
      const full: PreviewPaper = { id: 'x1', title: 'A paper', year: 2024, ...paper };
      const finder: PreviewMentionFinder = { detect: t => [...t.matchAll(/Zorblax/g)].map(m => ({ start: m.index, end: m.index + 7, text: 'Zorblax', papers: ['x1'], ambiguous: false })) };
      return renderer({ finder: () => finder, paper: id => (id === 'x1' ? full : undefined) });
    };

    it('links the arXiv page, else the DOI, else an http(s) URL, else nothing', () => {
      assert.strictEqual(paperHref({ id: 'a', title: 't', arxiv: 'arXiv:2410.10819v2', doi: '10.1000/x', url: 'https://a.org' }), 'https://arxiv.org/abs/2410.10819');
      assert.strictEqual(paperHref({ id: 'a', title: 't', arxiv: 'hep-th/9901001' }), 'https://arxiv.org/abs/hep-th/9901001');
      assert.strictEqual(paperHref({ id: 'a', title: 't', arxiv: '', doi: 'https://doi.org/10.1145/3411764.3445372', url: 'https://a.org' }), 'https://doi.org/10.1145/3411764.3445372');
      assert.strictEqual(paperHref({ id: 'a', title: 't', doi: 'doi:10.48550/arXiv.2410.10819' }), 'https://arxiv.org/abs/2410.10819');
      assert.strictEqual(paperHref({ id: 'a', title: 't', doi: '10.1002/(SICI)1097-4571#x?y' }), 'https://doi.org/10.1002/(sici)1097-4571%23x%3Fy', 'DOIs are case-insensitive: one normal form for every reader');
      assert.strictEqual(paperHref({ id: 'a', title: 't', url: 'https://example.org/paper.pdf' }), 'https://example.org/paper.pdf');
      assert.strictEqual(paperHref({ id: 'a', title: 't', links: [{ kind: 'code', url: 'https://github.com/x/y' }, { kind: 'other', url: 'https://example.org/p' }] }), 'https://example.org/p', 'a page link, never a code link');
      assert.strictEqual(paperHref({ id: 'a', title: 't', links: [{ kind: 'other', url: 'javascript:alert(1)' }] }), undefined);
      assert.strictEqual(paperHref({ id: 'a', title: 't' }), undefined);
      const html = fake({ arxiv: '' }).render('Zorblax here.');
      assert.strictEqual(html, '<p><span class="paper-lens-mention" title="A paper (2024)">Zorblax</span> here.</p>\n');
    });

    it('never produces a script, command: or javascript: link from a hostile paper', () => {
      const hostile: Partial<PreviewPaper>[] = [
        { arxiv: 'javascript:alert(1)' },
        { url: 'javascript:alert(1)' },
        { url: ' JaVaScRiPt:alert(1)//https://x.org' },
        { url: 'command:paperLens.search' },
        { url: 'vscode://file/etc/passwd' },
        { url: 'data:text/html,<script>alert(1)</script>' },
        { doi: '10.1000/"><script>alert(1)</script>' },
        { doi: 'javascript:alert(1)' },
        { url: 'https://x.org/"onmouseover="alert(1)' },
      ];
      for (const p of hostile) {
        const html = fake(p).render('Zorblax here.');
        assert.ok(!/<script|javascript:|command:|vscode:|data:|onmouseover="/i.test(html.replace(/&quot;onmouseover=&quot;|%22onmouseover=%22/g, '')), `${JSON.stringify(p)} → ${html}`);
        const href = /href="([^"]*)"/.exec(html)?.[1];
        if (href) assert.match(href, /^https:\/\//, JSON.stringify(p));
      }
    });

    it('escapes a hostile title into the title attribute, where it stays inert text', () => {
      const html = fake({ title: '"><script>alert(1)</script><img src=x onerror=alert(1)> & \'quotes\'', year: 2024, arxiv: '2410.10819' }).render('Zorblax here.');
      assert.strictEqual(html, '<p><a href="https://arxiv.org/abs/2410.10819" class="paper-lens-mention" title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; \'quotes\' (2024)">Zorblax</a> here.</p>\n');
    });

    it('puts a long or multi-line title on one clipped line', () => {
      const html = fake({ title: `Line one\nline two ${'x'.repeat(400)}` }).render('Zorblax');
      const title = /title="([^"]*)"/.exec(html)![1];
      assert.ok(title.startsWith('Line one line two') && title.length <= 310 && title.includes('…'), title);
    });

    it('escapes the note\'s own text as markdown-it does, marks included', () => {
      const finder: PreviewMentionFinder = { detect: t => [...t.matchAll(/<b>Zorblax/g)].map(m => ({ start: m.index, end: m.index + 10, text: '<b>Zorblax', papers: ['x1'], ambiguous: false })) };
      const md = renderer({ finder: () => finder, paper: () => ({ id: 'x1', title: 'T' }) }, { html: false });
      assert.strictEqual(md.render('a <b>Zorblax b'), '<p>a <span class="paper-lens-mention" title="T">&lt;b&gt;Zorblax</span> b</p>\n');
    });
  });

  describe('switches and failures', () => {
    const src = '# DuoAttention\n\nLongLoRA and KVQuant.\n';

    it('renders exactly like markdown-it when switched off, and follows the switch at every render', () => {
      let on = false;
      const md = renderer({ enabled: () => on });
      assert.strictEqual(md.render(src), plain().render(src));
      on = true;
      assert.strictEqual(marks(md.render(src)).length, 3);
    });

    it('renders unmarked while the library is not loaded, when the detector throws, or for unknown papers', () => {
      assert.strictEqual(renderer({ finder: () => undefined }).render(src), plain().render(src));
      assert.strictEqual(renderer({ finder: () => ({ detect: () => { throw new Error('boom'); } }) }).render(src), plain().render(src));
      assert.strictEqual(renderer({ paper: () => undefined }).render(src), plain().render(src));
    });

    it('works without linkify and typographer too', () => {
      assert.strictEqual(marks(renderer({}, { linkify: false, typographer: false, html: false }).render(src)).length, 3);
    });
  });

  it('only ever adds marks: with them taken out, the HTML is markdown-it\'s own (random markdown)', () => {
    const names = ['DuoAttention', 'LongLoRA', 'KVQuant', 'Titans', 'dolphin', 'Giraffe', 'StreamingLLM'];
    const piece = fc.oneof(
      fc.constantFrom(...names),
      fc.constantFrom(...names).map(n => `\`${n}\``),
      fc.constantFrom(...names).map(n => `*${n}*`),
      fc.constantFrom(...names).map(n => `[${n}](https://example.org/${n})`),
      fc.constantFrom(...names).map(n => `<i>${n}</i>`),
      fc.constantFrom(...names).map(n => `https://x.org/${n}`),
      fc.constantFrom('retrieval heads', 'KV cache', 'memorize at test time', '"quoted"', '--', '\\*', '&amp;', '|', '.', ','),
    );
    const line = fc.tuple(fc.constantFrom('', '# ', '- ', '> ', '1. ', '    ', '| '), fc.array(piece, { minLength: 1, maxLength: 8 })).map(([prefix, ps]) => prefix + ps.join(' '));
    const doc = fc.array(fc.oneof(line, fc.constant(''), fc.constant('```'), fc.constant('|---|---|')), { minLength: 1, maxLength: 12 }).map(ls => ls.join('\n'));
    const md = renderer();
    const base = plain();
    fc.assert(fc.property(doc, src => {
      const html = md.render(src);
      assert.strictEqual(unmarked(html), base.render(src));
      // A mark never sits inside a link or inside code.
      assert.ok(!/<a [^>]*>[^<]*<(a|span) [^>]*paper-lens-mention/.test(html), html);
      assert.ok(!/<code>[^<]*<(a|span) [^>]*paper-lens-mention/.test(html), html);
    }), { numRuns: 300, seed: 15 });
  });
});

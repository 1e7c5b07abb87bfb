import * as assert from 'assert';
import type { Paper } from '../../src/core/library/model';
import { citeKey } from '../../src/core/references/formats';
import { type CslItem, cslName, paperToCsl, papersToCslJson, uniqueId } from '../../src/core/references/cslJson';
import { parseCslJson } from '../../src/core/sources/cslJson';
import { cslSchemaViolations } from '../fixtures/cslSchema';
import { corpusData } from './testCorpus';

function paper(over: Partial<Paper>): Paper {
  return { id: 'p', title: 'A Title', abstract: '', firstAuthor: '', shortName: null, aliases: [], topics: [], links: [], ...over };
}

describe('CSL-JSON export (paperToCsl)', () => {
  it('writes every bundled paper as a schema-valid item that our reader and others read back', () => {
    const papers = corpusData().papers;
    const text = papersToCslJson(papers);
    const items = JSON.parse(text) as CslItem[];
    assert.deepStrictEqual(cslSchemaViolations(items), []);
    const back = parseCslJson(text, 'export.json');
    assert.deepStrictEqual(back.problems, []);
    assert.strictEqual(back.entries.length, papers.length);
    back.entries.forEach((e, i) => {
      const p = papers[i];
      assert.strictEqual(e.key, citeKey(p), p.id);
      assert.strictEqual(e.arxiv, p.arxiv, p.id);
      assert.strictEqual(e.year, p.year, p.id);
      assert.strictEqual(e.month, p.month, p.id);
      assert.strictEqual(e.authors[0]?.family, p.firstAuthor, p.id);
    });
    // Zotero's arXiv shape: the id in `number`, arXiv as publisher, the abstract page as URL.
    const duo = items.find(it => it.number === 'arXiv:2410.10819');
    assert.ok(duo);
    assert.deepStrictEqual({ id: duo.id, type: duo.type, publisher: duo.publisher, URL: duo.URL, issued: duo.issued, author: duo.author, short: duo['title-short'] },
      { id: 'xiao2024duoattention', type: 'article', publisher: 'arXiv', URL: 'https://arxiv.org/abs/2410.10819', issued: { 'date-parts': [[2024, 10]] }, author: [{ family: 'Xiao' }], short: 'DuoAttention' });
    assert.ok(text.endsWith(']\n'));
  });

  it('decodes TeX for a bibliography by default, and keeps the source text when asked', () => {
    const alr = corpusData().papers.find(p => p.title.startsWith('ALR$^2$'));
    assert.ok(alr);
    assert.match(paperToCsl(alr).title ?? '', /^ALR²: /);
    assert.match(paperToCsl(alr, { text: 'source' }).title ?? '', /^ALR\$\^2\$: /);
    const pct = paper({ abstract: 'It is 50\\% faster.' });
    assert.strictEqual(paperToCsl(pct).abstract, 'It is 50% faster.');
    assert.strictEqual(paperToCsl(pct, { text: 'source' }).abstract, 'It is 50\\% faster.');
  });

  it('writes all authors a source lists, a venue, a DOI and custom fields', () => {
    const item = paperToCsl(paper({
      title: 'Attention Is All You Need', authors: ['Ashish Vaswani', 'Ludwig van Beethoven', 'The Long Context Team'], firstAuthor: 'Vaswani',
      year: 2017, venue: 'NeurIPS', doi: '10.5555/3295222.3295349', arxiv: '1706.03762',
    }), { id: 'vaswani2017', custom: { 'paper-lens': { names: ['Transformer'] } } });
    assert.deepStrictEqual(item, {
      id: 'vaswani2017', type: 'article-journal', title: 'Attention Is All You Need',
      author: [{ family: 'Vaswani', given: 'Ashish' }, { family: 'Beethoven', given: 'Ludwig', 'non-dropping-particle': 'van' }, { literal: 'The Long Context Team' }],
      issued: { 'date-parts': [[2017]] }, 'container-title': 'NeurIPS', number: 'arXiv:1706.03762', DOI: '10.5555/3295222.3295349',
      URL: 'https://arxiv.org/abs/1706.03762', custom: { 'paper-lens': { names: ['Transformer'] } },
    });
    assert.deepStrictEqual(cslSchemaViolations([item]), []);
  });

  it('leaves out what a paper does not know', () => {
    assert.deepStrictEqual(paperToCsl(paper({ id: 'x' }), { id: 'x' }), { id: 'x', type: 'article', title: 'A Title' });
  });

  it('reads displayed names as CSL names: particles, suffixes, "Family, Given", institutions', () => {
    assert.deepStrictEqual(cslName('Guangxuan Xiao'), { family: 'Xiao', given: 'Guangxuan' });
    assert.deepStrictEqual(cslName('Martin Luther King Jr.'), { family: 'King', given: 'Martin Luther', suffix: 'Jr.' });
    assert.deepStrictEqual(cslName('Vincent van Gogh'), { family: 'Gogh', given: 'Vincent', 'non-dropping-particle': 'van' });
    assert.deepStrictEqual(cslName('Jan van der Berg'), { family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van der' });
    assert.deepStrictEqual(cslName('Xiao, Guangxuan'), { family: 'Xiao', given: 'Guangxuan' });
    assert.deepStrictEqual(cslName('Mistral AI'), { literal: 'Mistral AI' });
    assert.deepStrictEqual(cslName('Ai Chen'), { family: 'Chen', given: 'Ai' }, '"Ai" is a given name, not "AI"');
    assert.deepStrictEqual(cslName('Qwen Team'), { literal: 'Qwen Team' });
    assert.deepStrictEqual(cslName('Plato'), { literal: 'Plato' });
  });

  it('makes ids unique with letter suffixes, as Better BibTeX does', () => {
    const taken = new Set<string>();
    assert.deepStrictEqual(['k', 'k', 'k', 'j'].map(k => uniqueId(k, taken)), ['k', 'ka', 'kb', 'j']);
    const many = new Set<string>();
    const ids = Array.from({ length: 30 }, () => uniqueId('k', many));
    assert.strictEqual(new Set(ids).size, 30);
    assert.strictEqual(ids[27], 'kaa');
    const doubled = papersToCslJson([paper({ firstAuthor: 'Li', year: 2024 }), paper({ firstAuthor: 'Li', year: 2024 })]);
    assert.deepStrictEqual((JSON.parse(doubled) as CslItem[]).map(i => i.id), ['li2024title', 'li2024titlea']);
  });

  it('keeps hostile text as data: JSON-escaped, never markup for the reader to run', () => {
    const title = 'A "quoted" <script>alert(1)</script> title\nwith a newline';
    const text = papersToCslJson([paper({ title })]);
    const [item] = JSON.parse(text) as CslItem[];
    assert.strictEqual(item.title, title);
    // Our reader (and citeproc) treat CSL titles as rich text: tags it knows are dropped, the rest stays text.
    assert.strictEqual(parseCslJson(text, 'x.json').entries[0].title, 'A "quoted" <script>alert(1)</script> title with a newline');
  });
});

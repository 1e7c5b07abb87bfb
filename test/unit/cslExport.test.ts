import * as assert from 'assert';
import type { Paper } from '../../src/core/library/model';
import { citeKey } from '../../src/core/references/formats';
import { type CslItem, cslName, paperToCsl, papersToCslJson, uniqueId } from '../../src/core/references/cslJson';
import { parseCslJson } from '../../src/core/sources/cslJson';
import { corpusData } from './testCorpus';

// The item properties the CSL-JSON schema allows (citation-style-language/schema,
// schemas/input/csl-data.json, whose items have `additionalProperties: false`), and what it requires.
const CSL_PROPERTIES = new Set([
  'type', 'id', 'categories', 'language', 'journalAbbreviation', 'shortTitle', 'author', 'chair', 'collection-editor', 'compiler',
  'composer', 'container-author', 'contributor', 'curator', 'director', 'editor', 'editorial-director', 'executive-producer',
  'interviewer', 'illustrator', 'organizer', 'original-author', 'performer', 'producer', 'recipient', 'reviewed-author',
  'translator', 'accessed', 'available-date', 'container', 'event-date', 'issued', 'original-date', 'submitted', 'abstract',
  'annote', 'archive', 'archive_collection', 'archive_location', 'archive-place', 'authority', 'call-number', 'chapter-number',
  'citation-number', 'citation-label', 'collection-number', 'collection-title', 'container-title', 'container-title-short',
  'dimensions', 'division', 'DOI', 'edition', 'event', 'event-place', 'first-reference-note-number', 'genre', 'ISAN', 'ISBN',
  'ISCI', 'ISMN', 'ISRC', 'ISSN', 'ISWC', 'issue', 'jurisdiction', 'keyword', 'locator', 'medium', 'note', 'number',
  'number-of-pages', 'number-of-volumes', 'original-publisher', 'original-publisher-place', 'original-title', 'page',
  'page-first', 'part', 'part-title', 'PMCID', 'PMID', 'printing', 'publisher', 'publisher-place', 'references', 'reviewed-title',
  'scale', 'section', 'source', 'status', 'supplement', 'title', 'title-short', 'translated-title', 'translated-title-short',
  'URL', 'version', 'volume', 'year-suffix', 'custom',
]);
const CSL_TYPES = new Set(['article', 'article-journal', 'article-magazine', 'article-newspaper', 'bill', 'book', 'broadcast', 'chapter',
  'classic', 'collection', 'dataset', 'document', 'entry', 'entry-dictionary', 'entry-encyclopedia', 'figure', 'graphic', 'hearing',
  'interview', 'legal_case', 'legislation', 'manuscript', 'map', 'motion_picture', 'musical_score', 'pamphlet', 'paper-conference',
  'patent', 'performance', 'periodical', 'personal_communication', 'post', 'post-weblog', 'regulation', 'report', 'review',
  'review-book', 'software', 'song', 'speech', 'standard', 'thesis', 'treaty', 'webpage']);
const NAME_PROPERTIES = new Set(['family', 'given', 'dropping-particle', 'non-dropping-particle', 'suffix', 'comma-suffix', 'static-ordering', 'literal', 'parse-names']);

/** Every schema violation of a CSL-JSON document's items (empty: valid). Shared with the collection tests. */
export function cslSchemaViolations(items: unknown): string[] {
  if (!Array.isArray(items)) return ['not an array'];
  const out: string[] = [];
  items.forEach((raw, i) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return void out.push(`item ${i}: not an object`);
    const item = raw as Record<string, unknown>;
    if (typeof item.id !== 'string' && typeof item.id !== 'number') out.push(`item ${i}: id`);
    if (typeof item.type !== 'string' || !CSL_TYPES.has(item.type)) out.push(`item ${i}: type ${String(item.type)}`);
    for (const k of Object.keys(item)) if (!CSL_PROPERTIES.has(k)) out.push(`item ${i}: property ${k}`);
    for (const k of ['title', 'title-short', 'abstract', 'DOI', 'URL', 'publisher', 'container-title']) {
      if (k in item && typeof item[k] !== 'string') out.push(`item ${i}: ${k} is not a string`);
    }
    if ('number' in item && typeof item.number !== 'string' && typeof item.number !== 'number') out.push(`item ${i}: number`);
    if ('custom' in item && (typeof item.custom !== 'object' || item.custom === null || Array.isArray(item.custom))) out.push(`item ${i}: custom`);
    if ('author' in item) {
      if (!Array.isArray(item.author)) out.push(`item ${i}: author`);
      else for (const n of item.author) for (const k of Object.keys(n as object)) if (!NAME_PROPERTIES.has(k)) out.push(`item ${i}: name property ${k}`);
    }
    if ('issued' in item) {
      const parts = (item.issued as { 'date-parts'?: unknown })['date-parts'];
      const ok = Array.isArray(parts) && parts.length >= 1 && parts.length <= 2 && parts.every(p => Array.isArray(p) && p.length >= 1 && p.length <= 3 && p.every(x => typeof x === 'number' || typeof x === 'string'));
      if (!ok || Object.keys(item.issued as object).some(k => !['date-parts', 'season', 'circa', 'literal', 'raw', 'edtf'].includes(k))) out.push(`item ${i}: issued`);
    }
  });
  return out;
}

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

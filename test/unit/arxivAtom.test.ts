import * as assert from 'assert';
import fc from 'fast-check';
import { type ArxivFeed, type ArxivFeedResult, cleanText, decodeXmlEntities, parseArxivFeed, parseIsoDate } from '../../src/core/sources/arxivAtom';
import { ENTRIES, atomErrorFeed, atomFeed, emptyEntry } from './support/apiFixtures';

function feedOf(result: ArxivFeedResult): ArxivFeed {
  assert.ok(result.ok, `expected a feed, got ${JSON.stringify(result)}`);
  return result.feed;
}

describe('arXiv API Atom reader', () => {
  it('reads one entry into a full record', () => {
    const feed = feedOf(parseArxivFeed(atomFeed([ENTRIES['hep-th/9711200']], { idList: 'hep-th/9711200' })));
    assert.deepStrictEqual(feed.records, [{
      arxiv: 'hep-th/9711200',
      version: 'v3',
      title: 'The Large N Limit of Superconformal Field Theories and Supergravity',
      abstract: 'We show that the large $N$ limit of certain conformal field theories in various dimensions include in their Hilbert space a sector '
        + 'describing supergravity on the product of Anti-deSitter spacetimes, spheres and other compact manifolds. This is shown by taking some '
        + 'branes in string theory and taking a low energy limit where the field theory on the brane decouples from the bulk.',
      authors: ['Juan M. Maldacena'],
      published: { year: 1997, month: 11, day: 27 },
      updated: { year: 1998, month: 1, day: 22 },
      categories: ['hep-th'],
      primaryCategory: 'hep-th',
      doi: '10.1023/A:1026654312961',
      journalRef: 'Adv.Theor.Math.Phys.2:231-252,1998',
      comment: '20 pages, harvmac, v2: section on AdS_2 corrected, references added, v3: more references',
      links: [
        { kind: 'doi', url: 'http://dx.doi.org/10.1023/A:1026654312961' },
        { kind: 'abstract', url: 'http://arxiv.org/abs/hep-th/9711200v3' },
        { kind: 'pdf', url: 'http://arxiv.org/pdf/hep-th/9711200v3' },
      ],
    }]);
    assert.strictEqual(feed.totalResults, 1);
    assert.deepStrictEqual([feed.apiErrors, feed.emptyIds, feed.problems], [[], [], []]);
  });

  it('reads a batch in the order given, every author and category', () => {
    const ids = ['2410.10819', '2309.12307', '2309.17453', '1706.03762'];
    const feed = feedOf(parseArxivFeed(atomFeed(ids.map(id => ENTRIES[id]), { idList: ids.join(',') })));
    assert.deepStrictEqual(feed.records.map(r => [r.arxiv, r.version, r.authors.length, r.categories]), [
      ['2410.10819', 'v1', 8, ['cs.CL']],
      ['2309.12307', 'v3', 7, ['cs.CL', 'cs.AI', 'cs.LG']],
      ['2309.17453', 'v4', 5, ['cs.CL', 'cs.AI']],
      ['1706.03762', 'v7', 8, ['cs.CL', 'cs.LG']],
    ]);
    const longLora = feed.records[1];
    assert.strictEqual(longLora.comment, 'Code, models, dataset, and demo are available at https://github.com/dvlab-research/LongLoRA');
    assert.strictEqual(longLora.doi, undefined);
    assert.strictEqual(feed.records[0].title, 'DuoAttention: Efficient Long-Context LLM Inference with Retrieval and Streaming Heads');
  });

  it('normalises wrapped whitespace and decodes entities, markup staying plain text', () => {
    const [r] = feedOf(parseArxivFeed(atomFeed([ENTRIES['2402.13753']]))).records;
    assert.strictEqual(r.title, 'LongRoPE: Extending LLM Context Window Beyond 2 Million Tokens & Keeping Performance at <4k');
    assert.ok(r.abstract.endsWith('short context window (x > 0 && y < 1 — café).'), r.abstract);
    assert.ok(!/\s{2}|\n/.test(r.abstract));
    assert.strictEqual(decodeXmlEntities('&amp;lt; &#x1F600; &#0; &bogus; &#xD800;'), '&lt; 😀 \ufffd &bogus; \ufffd');
    assert.strictEqual(cleanText(' a\u202eb\u0007\n\t c '), 'ab c');
  });

  it("reports the API's error entry, with its message", () => {
    const feed = feedOf(parseArxivFeed(atomErrorFeed('incorrect_id_format_for_1234.12345', 'incorrect id format for 1234.12345', '1234.12345')));
    assert.deepStrictEqual(feed.apiErrors, [{ code: 'incorrect_id_format_for_1234.12345', message: 'incorrect id format for 1234.12345' }]);
    assert.deepStrictEqual(feed.records, []);
  });

  it('gives no record for an id the API does not have: no entry, or an entry with nothing but its id', () => {
    const none = feedOf(parseArxivFeed(atomFeed([], { idList: '2502.99999' })));
    assert.deepStrictEqual([none.records, none.emptyIds, none.totalResults], [[], [], 0]);
    const empty = feedOf(parseArxivFeed(atomFeed([ENTRIES['1706.03762'], emptyEntry('2502.99999')])));
    assert.deepStrictEqual(empty.records.map(r => r.arxiv), ['1706.03762']);
    assert.deepStrictEqual(empty.emptyIds, ['2502.99999']);
    assert.deepStrictEqual(feedOf(parseArxivFeed('<feed xmlns="http://www.w3.org/2005/Atom"/>')).records, []);
  });

  it('keeps the readable entries when one is not, and says why', () => {
    const broken = [
      '<entry><id>http://example.org/not-arxiv</id><title>T</title></entry>',
      '<entry><id>http://arxiv.org/abs/2502.00001v1</id><summary>no title</summary><published>2025-02-01T00:00:00Z</published></entry>',
      '<entry><id>http://arxiv.org/abs/2502.00002v1</id><title>Bad date</title><published>soon</published></entry>',
      '<entry/>',
    ];
    const feed = feedOf(parseArxivFeed(atomFeed([...broken, ENTRIES['2309.17453']])));
    assert.deepStrictEqual(feed.records.map(r => r.arxiv), ['2309.17453']);
    assert.deepStrictEqual(feed.problems, [
      { index: 0, message: 'the entry\'s id "http://example.org/not-arxiv" is not an arXiv identifier' },
      { index: 1, id: '2502.00001', message: 'the entry has no title' },
      { index: 2, id: '2502.00002', message: 'the entry\'s date "soon" is not a date' },
      { index: 3, message: 'the entry is empty' },
    ]);
  });

  it('keeps only http(s) links', () => {
    const entry = ENTRIES['2309.17453'].replace('<link href="http://arxiv.org/abs/2309.17453v4"', '<link href="javascript:alert(1)" rel="alternate"/><link href="http://arxiv.org/abs/2309.17453v4"');
    const [r] = feedOf(parseArxivFeed(atomFeed([entry]))).records;
    assert.deepStrictEqual(r.links.map(l => l.url), ['http://arxiv.org/abs/2309.17453v4', 'http://arxiv.org/pdf/2309.17453v4']);
  });

  it('returns a typed error for malformed or foreign answers, never throws', () => {
    const truncated = atomFeed([ENTRIES['2410.10819']]).slice(0, 900);
    for (const [body, says] of [
      [truncated, 'not well-formed XML'],
      ['Rate exceeded.', 'it starts "Rate exceeded."'],
      ['', 'empty'],
      ['<html><body>Service Unavailable</body></html>', 'not an Atom feed'],
      ['<feed><entry><title>x</title></entry>', 'not well-formed XML'],
    ] as const) {
      const result = parseArxivFeed(body);
      assert.ok(!result.ok && result.error.kind === 'malformed' && result.error.message.includes(says), `${JSON.stringify(body.slice(0, 40))}: ${JSON.stringify(result)}`);
    }
    assert.strictEqual(parseArxivFeed(undefined as unknown as string).ok, false);
  });

  it('does not expand entities a DOCTYPE declares', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
      + '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2502.00001v1</id><title>&b;&b;</title><published>2025-02-01T00:00:00Z</published></entry></feed>';
    const [r] = feedOf(parseArxivFeed(bomb)).records;
    assert.strictEqual(r.title, '&b;&b;');
  });

  it('reads calendar dates as written and refuses impossible ones', () => {
    assert.deepStrictEqual(parseIsoDate('2007-02-27T16:02:02-05:00'), { year: 2007, month: 2, day: 27 });
    assert.deepStrictEqual(parseIsoDate('2024-02-29T00:00:00Z'), { year: 2024, month: 2, day: 29 });
    for (const bad of ['2023-02-29T00:00:00Z', '2024-13-01', '2024-00-10', '24-01-01', '', 'soon']) assert.strictEqual(parseIsoDate(bad), undefined, bad);
  });

  it('never throws and keeps its shape on arbitrary and mangled input', () => {
    const good = atomFeed([ENTRIES['2410.10819'], ENTRIES['hep-th/9711200']]);
    const mangled = fc.tuple(fc.nat(good.length), fc.nat(good.length), fc.string({ maxLength: 20 })).map(([a, b, s]) => good.slice(0, Math.min(a, b)) + s + good.slice(Math.max(a, b)));
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 300 }), mangled), body => {
      const result = parseArxivFeed(body);
      if (!result.ok) return assert.strictEqual(result.error.kind, 'malformed');
      for (const r of result.feed.records) {
        assert.ok(typeof r.arxiv === 'string' && typeof r.title === 'string' && r.title.length > 0 && Array.isArray(r.authors));
        assert.ok(!/\s{2}/.test(r.title + r.abstract));
        assert.strictEqual(JSON.stringify(JSON.parse(JSON.stringify(r))), JSON.stringify(r));
      }
    }), { numRuns: 300 });
  });
});

import * as assert from 'assert';
import fc from 'fast-check';
import { parseArxivId } from '../../src/core/library/arxivId';
import { type ArxivReference, findArxivReferences } from '../../src/core/text/arxivReferences';

/** Each reference as [covered text, id, version, kind], the easiest form to read in a failure. */
function refs(text: string): [string, string, string | undefined, string][] {
  return findArxivReferences(text).map(r => [text.slice(r.start, r.end), r.id, r.version, r.kind]);
}

function assertWellFormed(text: string, found: readonly ArxivReference[]): void {
  let previousEnd = 0;
  for (const r of found) {
    assert.ok(Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= previousEnd && r.end > r.start && r.end <= text.length,
      `bad span ${r.start}-${r.end} after ${previousEnd} in ${JSON.stringify(text)}`);
    assert.ok(['link', 'prefixed', 'bare'].includes(r.kind));
    // The covered text alone is an identifier for the same paper and version.
    const slice = text.slice(r.start, r.end);
    const again = parseArxivId(slice);
    assert.deepStrictEqual(again, r.version ? { id: r.id, version: r.version } : { id: r.id }, `slice ${JSON.stringify(slice)}`);
    previousEnd = r.end;
  }
}

describe('arXiv references in text', () => {
  it('finds links with and without scheme, www or export, versions and .pdf, and old-style ids', () => {
    assert.deepStrictEqual(refs('https://arxiv.org/abs/2502.12345v2'), [['https://arxiv.org/abs/2502.12345v2', '2502.12345', 'v2', 'link']]);
    assert.deepStrictEqual(refs('(arxiv.org/pdf/2502.12345v3.pdf).'), [['arxiv.org/pdf/2502.12345v3.pdf', '2502.12345', 'v3', 'link']]);
    assert.deepStrictEqual(refs('http://www.arxiv.org/abs/hep-th/9901001'), [['http://www.arxiv.org/abs/hep-th/9901001', 'hep-th/9901001', undefined, 'link']]);
    assert.deepStrictEqual(refs('export.arxiv.org/abs/math.GT/0309136v1'), [['export.arxiv.org/abs/math.GT/0309136v1', 'math.GT/0309136', 'v1', 'link']]);
    assert.deepStrictEqual(refs('https://arxiv.org/html/2410.10819v1#S3.'), [['https://arxiv.org/html/2410.10819v1#S3', '2410.10819', 'v1', 'link']]);
    assert.deepStrictEqual(refs('see https://arxiv.org/abs/0704.0001? yes'), [['https://arxiv.org/abs/0704.0001', '0704.0001', undefined, 'link']]);
    assert.deepStrictEqual(refs('https://doi.org/10.48550/arXiv.2502.12345'), [['https://doi.org/10.48550/arXiv.2502.12345', '2502.12345', undefined, 'link']]);
  });

  it('finds arXiv: identifiers and the arXiv DOI written out', () => {
    assert.deepStrictEqual(refs('arXiv:2502.12345, arXiv: 2502.12345v2 and arxiv:hep-th/9901001.'), [
      ['arXiv:2502.12345', '2502.12345', undefined, 'prefixed'],
      ['arXiv: 2502.12345v2', '2502.12345', 'v2', 'prefixed'],
      ['arxiv:hep-th/9901001', 'hep-th/9901001', undefined, 'prefixed'],
    ]);
    assert.deepStrictEqual(refs('doi: 10.48550/arXiv.2502.12345'), [['doi: 10.48550/arXiv.2502.12345', '2502.12345', undefined, 'prefixed']]);
    assert.deepStrictEqual(refs('ARXIV:HEP-TH/9901001V2'), [['ARXIV:HEP-TH/9901001V2', 'hep-th/9901001', 'v2', 'prefixed']]);
  });

  it('finds bare new-style ids in prose', () => {
    assert.deepStrictEqual(refs('see 2502.12345 for details'), [['2502.12345', '2502.12345', undefined, 'bare']]);
    assert.deepStrictEqual(refs('(2502.12345v2), [1706.03762]; 2502.12345,2503.00001 and 0704.0001.'), [
      ['2502.12345v2', '2502.12345', 'v2', 'bare'], ['1706.03762', '1706.03762', undefined, 'bare'],
      ['2502.12345', '2502.12345', undefined, 'bare'], ['2503.00001', '2503.00001', undefined, 'bare'], ['0704.0001', '0704.0001', undefined, 'bare'],
    ]);
    // Scripts written without blanks between words.
    assert.deepStrictEqual(refs('见2502.12345。'), [['2502.12345', '2502.12345', undefined, 'bare']]);
  });

  it('does not take ids inside other numbers, dates, versions, IPs, decimals or paths', () => {
    for (const text of ['12502.12345', '2502.123456', 'v2502.12345', '1.2502.12345', '192.168.2502.12345', '3.2502.12345', '2502.12345.6',
      '/files/2502.12345.png', 'files/2502.12345', '2502.12345.pdf', '2513.12345', '2500.12345', '0612.12345', '1501.1234', '0612.1234x',
      '12:2502.12345', '$2502.12345', '2502.12345%', '#2502.12345', '2501.00001-2502.12345', 'v1.2.2502.12345', 'user@2502.12345',
      'myarxiv.org/abs/2502.12345', 'https://example.org/abs/2502.12345', 'arxiv.org/abs/2502.123456', 'arXiv:2502.123456', 'arXiv:2502.12345.6',
      'arxiv.org/abs/foo/9901001', 'hep-th/9901001', 'https://web.archive.org/web/2020/https://arxiv.org/abs/2502.12345']) {
      assert.deepStrictEqual(refs(text), [], text);
    }
    // …and the same ids with room around them are found, so it is the surroundings that decide.
    assert.strictEqual(refs('a 2502.12345 b 0704.0001 c').length, 2);
  });

  it('counts a markdown link to arXiv once, covering the URL, even when its text repeats the id', () => {
    assert.deepStrictEqual(refs('[DuoAttention](https://arxiv.org/abs/2410.10819)'), [['https://arxiv.org/abs/2410.10819', '2410.10819', undefined, 'link']]);
    assert.deepStrictEqual(refs('[arXiv:2410.10819](https://arxiv.org/abs/2410.10819) and [see 2410.10819v2 or arxiv.org/abs/2410.10819](<arxiv.org/abs/2410.10819v2>)'), [
      ['https://arxiv.org/abs/2410.10819', '2410.10819', undefined, 'link'],
      ['arxiv.org/abs/2410.10819v2', '2410.10819', 'v2', 'link'],
    ]);
    // An id in other brackets, or in a link to elsewhere, is its own reference.
    assert.deepStrictEqual(refs('[2502.12345] then [x](https://arxiv.org/abs/2410.10819)'), [
      ['2502.12345', '2502.12345', undefined, 'bare'], ['https://arxiv.org/abs/2410.10819', '2410.10819', undefined, 'link'],
    ]);
    assert.deepStrictEqual(refs('[2502.12345](https://example.org/x)'), [['2502.12345', '2502.12345', undefined, 'bare']]);
    // A blank line ends the paragraph a link text could span.
    assert.strictEqual(refs('[arXiv:2502.12345\n\n](https://arxiv.org/abs/2410.10819)').length, 2);
  });

  it('reports UTF-16 offsets', () => {
    const text = '😀 é arXiv:2502.12345';
    const [r] = findArxivReferences(text);
    assert.strictEqual(r.start, text.indexOf('arXiv'));
    assert.strictEqual(r.end, text.length);
  });

  describe('a 1 MB single line scans in linear time whatever its shape', () => {
    // Each shape would make a per-match walk back (to a line start, or to a `[`) or an unbounded
    // repetition quadratic: ~10^12 steps, far past mocha's timeout. The counts check the work was done.
    const MB = 1 << 20;
    const times = (unit: string) => Math.ceil(MB / unit.length);
    const repeat = (unit: string) => unit.repeat(times(unit));
    const shapes: [string, string, number][] = [
      ['bare ids', repeat('2502.12345 '), times('2502.12345 ')],
      ['digits only', repeat('7'), 0],
      ['dots and digits', repeat('1.'), 0],
      ['link targets without an opening bracket', repeat('](arxiv.org/abs/2502.12345)'), times('](arxiv.org/abs/2502.12345)')],
      ['link targets after half a megabyte without brackets', 'x'.repeat(MB / 2) + '](arxiv.org/abs/0704.0001)'.repeat(20000), 20000],
      ['arXiv prefixes without ids', repeat('arXiv: '), 0],
      ['link starts without ids', repeat('https://arxiv.org/abs/'), 0],
      ['one link with a long query of dots', `arxiv.org/abs/2502.12345?${'.'.repeat(MB)}`, 1],
      ['versions that never end', repeat('2502.12345v123456789'), 0],
    ];
    for (const [name, text, count] of shapes) {
      it(name, () => {
        assert.strictEqual(findArxivReferences(text).length, count);
      });
    }
    it('one markdown link whose text holds many ids', () => {
      const text = `[${repeat('arXiv:2502.12345 ')}](https://arxiv.org/abs/2410.10819)`;
      assert.deepStrictEqual(refs(text), [['https://arxiv.org/abs/2410.10819', '2410.10819', undefined, 'link']]);
    });
  });

  describe('properties', () => {
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map(c => String.fromCharCode(c));
    const piece = fc.oneof(
      fc.string({ unit: codeUnit, maxLength: 6 }),
      fc.constantFrom('arxiv.org/abs/', 'https://', 'www.', 'export.', 'arxiv.org/pdf/', '.pdf', 'arXiv:', 'arXiv: ', '10.48550/arXiv.', 'doi.org/',
        '2502.12345', '0704.0001', '0612.12345', 'hep-th/9901001', 'math.GT/0309136', 'v2', '1', '.', '/', '[', ']', '](', ')', '<', '\n', ' ', '?a=b', '#S1'),
    );
    it('any text yields sorted, non-overlapping spans whose text is that id', () => {
      fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), pieces => {
        const text = pieces.join('');
        assertWellFormed(text, findArxivReferences(text));
      }), { numRuns: 2000 });
    });
    it('never throws on random UTF-16, lone surrogates included', () => {
      fc.assert(fc.property(fc.string({ unit: codeUnit, maxLength: 300 }), text => {
        assertWellFormed(text, findArxivReferences(text));
      }), { numRuns: 500 });
    });
    it('a reference found alone between blanks is the same reference', () => {
      fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), pieces => {
        const text = pieces.join('');
        for (const r of findArxivReferences(text)) {
          const alone = findArxivReferences(` ${text.slice(r.start, r.end)} `);
          assert.deepStrictEqual(alone.map(a => [a.id, a.version, a.kind]), [[r.id, r.version, r.kind]]);
        }
      }), { numRuns: 1000 });
    });
  });
});

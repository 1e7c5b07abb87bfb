import * as assert from 'assert';
import { normalizeArxivId, parseArxivId } from '../../src/core/library/arxivId';

describe('arXiv identifiers', () => {
  it('reads every way people write a new-style id', () => {
    for (const raw of ['2410.10819', ' arXiv:2410.10819 ', 'arxiv: 2410.10819', 'https://arxiv.org/abs/2410.10819', 'arxiv.org/pdf/2410.10819.pdf',
      'http://www.arxiv.org/html/2410.10819/', 'https://export.arxiv.org/abs/2410.10819?context=cs', '10.48550/arXiv.2410.10819', 'https://doi.org/10.48550/arXiv.2410.10819']) {
      assert.strictEqual(normalizeArxivId(raw), '2410.10819', raw);
    }
    assert.deepStrictEqual(parseArxivId('2410.10819v2'), { id: '2410.10819', version: 'v2' });
    assert.deepStrictEqual(parseArxivId('https://arxiv.org/pdf/2410.10819v3'), { id: '2410.10819', version: 'v3' });
    assert.strictEqual(normalizeArxivId('0704.0001'), '0704.0001');
  });

  it('reads old-style ids and normalises their case', () => {
    assert.strictEqual(normalizeArxivId('hep-th/9901001'), 'hep-th/9901001');
    assert.strictEqual(normalizeArxivId('arXiv:math.gt/0309136v1'), 'math.GT/0309136');
    assert.strictEqual(normalizeArxivId('https://arxiv.org/abs/cs/0112017'), 'cs/0112017');
  });

  it('refuses what only looks like an id', () => {
    for (const raw of ['', '2410.1081', '2413.10819', '2410.108190', '1501.1234', '0612.12345', 'foo/9901001', 'hep-th/9913001',
      '12.2410.10819', 'https://example.org/abs/2410.10819', '2410.10819x']) {
      assert.strictEqual(normalizeArxivId(raw), undefined, raw);
    }
  });
});

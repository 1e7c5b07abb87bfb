// Mention detection must stay linear in the text whatever its shape. These tests count the steps
// the per-mention look-arounds take (lookAroundWork) rather than time them: a text four times as
// long may cost at most 4.5 times the work (a little over 4 for binary searches, which grow by a
// logarithm). A look-around that walks to its line's start or over every match of its line makes
// these texts quadratic: 16 times the work.
import * as assert from 'assert';
import fc from 'fast-check';
import { MentionDetector } from '../../src/core/mentions';
import { lookAroundWork } from '../../src/core/mentions/lookAroundWork';
import { firstAtOrAfter } from '../../src/core/mentions/sortedSearch';
import { birdLibrary } from './mentionFixtures';

const detector = new MentionDetector(birdLibrary());

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Look-around steps of one scan, and how many mentions it found (so the scan did weigh evidence). */
function work(text: string): { steps: number; mentions: number } {
  lookAroundWork.steps = 0;
  const mentions = detector.detect(text).length;
  return { steps: lookAroundWork.steps, mentions };
}

function assertLinear(shape: (size: number) => string): void {
  const small = work(shape(25_000));
  const large = work(shape(100_000));
  assert.ok(small.steps > 0 && small.mentions > 0, `the scan looked around nothing: ${JSON.stringify(small)}`);
  const ratio = large.steps / small.steps;
  assert.ok(ratio <= 4.5, `4× the text took ${ratio.toFixed(2)}× the look-around work (${small.steps} → ${large.steps})`);
}

describe('mention detection work is linear in the text', () => {
  it('on one long line of prose with sentences', () => {
    // Risky names with and without their evidence, a citing paper a sentence away, no newline.
    const prose =
      'The Heron evicts stale observations from its streaming memory. A heron stood in the river. ' +
      'Otter reads few tokens of long documents. We fed the Otter at noon. FooBarNet is fast. ';
    assertLinear(size => repeatTo(prose, size));
  });

  it('on text without any whitespace', () => {
    const dense = 'Heron,evicts,stale,observations.Otter;retrieval(heads)FooBarNet/the.Heron_stood-in.a.river,';
    assertLinear(size => repeatTo(dense, size));
  });

  it('on a line full of names, without a sentence break', () => {
    const names = 'Heron Otter FooBarNet streaming memory Heron retrieval heads Otter ';
    assertLinear(size => repeatTo(names, size));
  });
});

describe('bounded look-arounds keep their evidence', () => {
  it('lets a citing paper vouch across sentences of one long line', () => {
    // Otter is accepted on its own words; its abstract names Heron, so it vouches for the Heron of
    // the next sentence — with a long stretch of the same line before them.
    const pair = 'Otter finds the attention heads that retrieve from long documents. Heron is the other one.';
    const expected = [['Otter', 'otter'], ['Heron', 'heron']];
    const found = (text: string) => detector.detect(text).map(m => [m.text, ...m.papers]);
    assert.deepStrictEqual(found(pair), expected);
    assert.deepStrictEqual(found(`${'We read a great deal today. '.repeat(400)}${pair}`), expected);
    // Alone, the second sentence says nothing for Heron.
    assert.deepStrictEqual(found('Heron is the other one.'), []);
  });
});

describe('galloping search over ascending positions', () => {
  it('finds the first position at or after a point, from any hint', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 60 }), fc.integer({ min: -5, max: 210 }), fc.integer({ min: -3, max: 70 }), (raw, at, hint) => {
        const sorted = [...raw].sort((a, b) => a - b);
        // Slack past `count` holds garbage, as the scanner's reused buffers do.
        const values = Int32Array.from([...sorted, -1, 999, -1]);
        const expected = sorted.findIndex(v => v >= at);
        assert.strictEqual(firstAtOrAfter(values, sorted.length, at, hint), expected < 0 ? sorted.length : expected);
      }),
      { numRuns: 2000 },
    );
  });
});

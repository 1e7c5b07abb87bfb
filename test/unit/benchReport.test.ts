// The bench report: which raw result feeds which key, optional inputs, and the run history. Fixture
// numbers only: nothing here times anything.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spread } from '../../bench/coldStart';
import {
  appendHistory, compareLines, historyEntry, type Inputs, KEYS, type Machine, previousOnSameMachine, readHistory, readInputs, summarize,
} from '../../bench/report';

const machine: Machine = { cpus: 2, model: 'Test CPU', totalMemoryGB: 8, node: 'v20.0.0', platform: 'linux-x64', loadAvg1: 0.5 };
const timing = (medianMs: number) => ({ medianMs, p95Ms: medianMs * 2 });

/** Every input with a different number, so a key read from the wrong place shows. */
function inputs(): Inputs {
  return {
    search: {
      size: 50_000,
      results: [
        { engine: 'PaperSearch (compact index)', buildMs: 11000, p50: 4.7, p95: 14.7, max: 40 },
        { engine: 'MiniSearch defaults', buildMs: 30000, p50: 100, p95: 365, max: 900 },
      ],
      bundled: { size: 129, p50: 0.6, p95: 2.5, max: 9 },
    },
    mentions: { note: { chars: 1_000_000 }, build: { ours: timing(25) }, detect: { perAliasRegex: timing(160), alternationRegex: timing(20.4), ours: timing(15.1) } },
    cold: {
      runs: 7,
      search: { totalMs: { median: 71.5, min: 60.2, max: 88.8 }, cpuMs: { median: 80.25, min: 70, max: 90 } },
      hover: { totalMs: { median: 48.25, min: 40.1, max: 60.3 }, cpuMs: { median: 50.5, min: 45, max: 55 }, lookupMs: { median: 0.03, min: 0.02, max: 0.05 } },
    },
    activation: { activateMs: { median: 8.4, min: 6.1, max: 12.2 }, bundle: 'development' },
    size: { extensionJsBytes: 107768, vsixBytes: 869620 },
  };
}

describe('bench report', () => {
  it('takes every key from its own benchmark', () => {
    const { results, keys } = summarize(inputs(), machine, new Date('2026-01-02T03:04:05Z'));
    assert.deepStrictEqual(keys, {
      activateMs: 8.4,
      coldFirstSearchMs: 71.5,
      coldFirstHoverMs: 48.25,
      searchP95Ms129: 2.5,
      searchP95Ms50k: 14.7,
      mentionScan1MBMs: 15.1,
      hoverAfterScanMs: 0.03,
      extensionJsBytes: 107768,
      vsixBytes: 869620,
      library20kLoadMs: null,
      workspaceScanMs: null,
      searchNdcg10: null,
      searchNdcg10NoPhrases: null,
      searchNdcg10AsUserLibrary: null,
      coldFirstSearchCpuMs: 80.25,
      coldFirstHoverCpuMs: 50.5,
    });
    assert.strictEqual(results.date, '2026-01-02T03:04:05.000Z');
    assert.deepStrictEqual(results.machine, machine);
    for (const k of KEYS) assert.ok(k in results, k);
    assert.deepStrictEqual((results.ranges as Record<string, unknown>).coldFirstSearchMs, [60.2, 88.8]);
    assert.deepStrictEqual((results.ranges as Record<string, unknown>).activateMs, [6.1, 12.2]);
  });

  it('leaves a key null when its benchmark did not run, and the 50k key to a 50,000-paper run', () => {
    const { keys } = summarize({}, machine);
    for (const k of KEYS) assert.strictEqual(keys[k], null, k);
    const small = inputs();
    small.search!.size = 2000;
    assert.strictEqual(summarize(small, machine).keys.searchP95Ms50k, null);
  });

  it('picks up library.json and workspace.json when they exist, as a spread or a plain number', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-bench-'));
    try {
      fs.writeFileSync(path.join(dir, 'cold.json'), JSON.stringify(inputs().cold));
      const without = summarize(readInputs(dir), machine);
      assert.strictEqual(without.keys.library20kLoadMs, null);
      assert.strictEqual(without.keys.workspaceScanMs, null);
      assert.strictEqual(without.keys.coldFirstSearchMs, 71.5);
      fs.writeFileSync(path.join(dir, 'library.json'), JSON.stringify({ library20kLoadMs: { median: 412.345, min: 400, max: 450 }, entries: 20000 }));
      fs.writeFileSync(path.join(dir, 'workspace.json'), JSON.stringify({ workspaceScanMs: 32579.9, maxStallMs: 720.9, details: { runs: 1 } }));
      const { keys, results } = summarize(readInputs(dir), machine);
      assert.strictEqual(keys.library20kLoadMs, 412.35);
      assert.strictEqual(keys.workspaceScanMs, 32579.9);
      assert.deepStrictEqual((results.ranges as Record<string, unknown>).library20kLoadMs, [400, 450]);
      assert.ok(!('workspaceScanMs' in (results.ranges as Record<string, unknown>)), 'a plain number has no range');
      fs.writeFileSync(path.join(dir, 'workspace.json'), JSON.stringify({ scanMs: 12 }));
      assert.strictEqual(summarize(readInputs(dir), machine).keys.workspaceScanMs, null, 'only the documented key is read');
      fs.writeFileSync(path.join(dir, 'quality.json'), JSON.stringify({ searchNdcg10: 0.934, searchNdcg10NoPhrases: 0.905, searchNdcg10AsUserLibrary: 0.889 }));
      const quality = summarize(readInputs(dir), machine).keys;
      assert.deepStrictEqual([quality.searchNdcg10, quality.searchNdcg10NoPhrases, quality.searchNdcg10AsUserLibrary], [0.934, 0.905, 0.889]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('appends one line a run to the history and compares with the last run on the same machine', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-history-'));
    const file = path.join(dir, 'history.jsonl');
    try {
      assert.deepStrictEqual(readHistory(file), []);
      const first = summarize(inputs(), machine, new Date('2026-01-01T00:00:00Z'));
      appendHistory(historyEntry(first.results, first.keys, 'abc1234'), file);
      const elsewhere = summarize(inputs(), { ...machine, model: 'Other CPU' }, new Date('2026-01-02T00:00:00Z'));
      appendHistory(historyEntry(elsewhere.results, elsewhere.keys, 'abc1235'), file);
      fs.appendFileSync(file, '{not json\n');
      const faster = inputs();
      faster.cold!.search.totalMs.median = 35.75;
      const second = summarize(faster, machine, new Date('2026-01-03T00:00:00Z'));
      appendHistory(historyEntry(second.results, second.keys, 'def5678+dirty'), file);

      assert.strictEqual(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length, 4);
      const history = readHistory(file);
      assert.deepStrictEqual(history.map(e => e.commit), ['abc1234', 'abc1235', 'def5678+dirty']);
      for (const k of KEYS) assert.ok(k in history[2], k);
      assert.strictEqual(history[2].coldFirstSearchMs, 35.75);

      const before = previousOnSameMachine(history.slice(0, 2), machine);
      assert.strictEqual(before?.commit, 'abc1234');
      const lines = compareLines(second.keys, before!);
      assert.ok(lines.some(l => /^ {2}coldFirstSearchMs +35\.75 +71\.5 {2}-50%$/.test(l)), lines.join('\n'));
      assert.ok(!lines.some(l => l.includes('library20kLoadMs')), 'a key neither run has is left out');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the median and the range of fresh-process samples', () => {
    assert.deepStrictEqual(spread([5, 1, 3]), { median: 3, min: 1, max: 5, n: 3 });
    assert.deepStrictEqual(spread([4, 1, 3, 2]), { median: 2.5, min: 1, max: 4, n: 4 });
  });
});

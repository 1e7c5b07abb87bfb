import * as assert from 'assert';
import { MentionDetector } from '../../src/core/mentions';
import {
  CACHE_VERSION,
  CacheFormatError,
  CacheReader,
  decodeCache,
  encodeCache,
  hash53,
  libraryFingerprint,
  type MentionFinder,
  isValidPacked,
  MENTION_FIELDS,
  mentionCount,
  type NoteEntry,
  noteMentions,
  packMentions,
  packNoteMentions,
  paperLists,
  planScan,
  PREVIEW_AFTER,
  PREVIEW_BEFORE,
  unpackMentions,
  WorkspaceMentionIndex,
} from '../../src/core/workspace';
import { corpusData, testCorpus } from './testCorpus';

let detector: MentionDetector | undefined;
const corpusFinder = (): MentionDetector => (detector ??= new MentionDetector(corpusData().papers));
const idOf = (name: string): string => testCorpus().lookup(name)[0].id;

/** A finder that reports the given words as mentions of the given papers (tests of the index alone). */
function wordFinder(words: Record<string, string[]>): MentionFinder {
  return {
    detect(text) {
      const out = [];
      for (const m of text.matchAll(/[\w-]+/g)) {
        const papers = words[m[0]];
        if (papers) out.push({ start: m.index, end: m.index + m[0].length, text: m[0], papers, ambiguous: papers.length > 1 });
      }
      return out;
    },
  };
}

const finder = wordFinder({ Alpha: ['a'], Beta: ['b'], Gamma: ['a', 'b'] });
const FP = 'fp1';

function entry(path: string, text: string, fingerprint = FP, size = text.length, mtime = 1000): NoteEntry {
  return { path, size, mtime, fingerprint, mentions: packNoteMentions(finder, text) };
}

/** The counts recomputed from the entries alone: what the incremental tallies must always equal. */
function recount(index: WorkspaceMentionIndex) {
  const counts = new Map<string, { mentions: number; ambiguous: number; notes: Set<string> }>();
  for (const e of index.entries()) {
    for (const m of unpackMentions(e.mentions)) {
      for (const p of m.papers) {
        const c = counts.get(p) ?? { mentions: 0, ambiguous: 0, notes: new Set<string>() };
        c.mentions++;
        if (m.ambiguous) c.ambiguous++;
        c.notes.add(e.path);
        counts.set(p, c);
      }
    }
  }
  return [...counts].map(([paper, c]) => ({ paper, mentions: c.mentions, ambiguous: c.ambiguous, notes: c.notes.size }))
    .sort((a, b) => b.mentions - a.mentions || b.notes - a.notes || (a.paper < b.paper ? -1 : 1));
}

describe('workspace mention index', () => {
  describe('noteMentions', () => {
    it('gives 0-based lines and UTF-16 characters, as vscode.Position counts', () => {
      const text = 'first line\r\n  😀 Alpha and Beta\n\nGamma';
      const ms = noteMentions(finder, text);
      assert.deepStrictEqual(ms.map(m => [m.text, m.line, m.character, m.start]), [
        ['Alpha', 1, 5, 17],
        ['Beta', 1, 15, 27],
        ['Gamma', 3, 0, 33],
      ]);
      for (const m of ms) assert.strictEqual(text.slice(m.start, m.end), m.text);
    });

    it('gives a preview of the line that holds the whole mention and starts and ends on words', () => {
      // Word lengths that do not divide the preview's reach, so a cut falls mid-word unless snapped.
      const before = 'abcdefg '.repeat(12);
      const after = ' tails'.repeat(20);
      const text = `${before}Alpha${after}\nnext line`;
      const [m] = noteMentions(finder, text);
      assert.strictEqual(m.preview.slice(m.previewStart, m.previewStart + m.text.length), 'Alpha');
      assert.ok(m.previewStart <= PREVIEW_BEFORE && m.preview.length - m.previewStart - m.text.length <= PREVIEW_AFTER, m.preview);
      assert.ok(m.previewStart > 10 && m.preview.length > m.previewStart + 30, `too little context: ${m.preview}`);
      assert.ok(m.preview.startsWith('abcdefg ') && m.preview.endsWith(' tails'), `cut mid-word: ${JSON.stringify(m.preview)}`);
      assert.ok(!m.preview.includes('\n'), 'a preview stays on its line');
    });

    it('drops leading blanks and a trailing carriage return from a preview, and never splits a surrogate pair', () => {
      const [m] = noteMentions(finder, '\t   Alpha ends\r\nx');
      assert.strictEqual(m.preview, 'Alpha ends');
      const emoji = '😀'.repeat(40);
      // Odd-length pieces put both cuts (30 before, 50 after) between the halves of a pair.
      const text = `${emoji}ab Alpha bc${emoji}`;
      const [n] = noteMentions(finder, text);
      // A half pair would come back from the packed UTF-8 as U+FFFD: the preview would not be the text's own.
      assert.ok(text.includes(n.preview) && !n.preview.includes('\ufffd'), `cut inside a pair: ${JSON.stringify(n.preview)}`);
      assert.ok(n.preview.length > 60, 'the cuts were near the reach, not at the line ends');
    });

    it('keeps only mentions of some paper (a finder may report an unknown arXiv id with none)', () => {
      const withUnknown: MentionFinder = { detect: t => [...finder.detect(t), { start: 0, end: 4, text: 'None', papers: [], ambiguous: false }] };
      assert.deepStrictEqual(noteMentions(withUnknown, 'None Alpha').map(m => m.text), ['Alpha']);
    });

    it('sorts what a finder returns out of order', () => {
      const unsorted: MentionFinder = { detect: t => finder.detect(t).reverse() };
      assert.deepStrictEqual(noteMentions(unsorted, 'Alpha\nBeta\nGamma').map(m => [m.text, m.line]), [['Alpha', 0], ['Beta', 1], ['Gamma', 2]]);
    });

    it('keeps what the real detector finds, with positions', () => {
      const text = '# Reading\n\nDuoAttention keeps retrieval heads; LongLoRA uses shifted sparse attention.\n';
      const ms = noteMentions(corpusFinder(), text);
      assert.deepStrictEqual(ms.map(m => [m.text, m.papers[0], m.line]), [['DuoAttention', idOf('DuoAttention'), 2], ['LongLoRA', idOf('LongLoRA'), 2]]);
    });
  });

  describe('queries and updates', () => {
    it('answers papers with counts, the notes of a paper and its mentions in a stable order', () => {
      const index = new WorkspaceMentionIndex();
      index.setNote(entry('/w/b.md', 'Alpha Alpha\nBeta'));
      index.setNote(entry('/w/a.md', 'Gamma then Alpha'));
      index.setNote(entry('/w/c.md', 'nothing'));
      assert.deepStrictEqual(index.papers(), [
        { paper: 'a', mentions: 4, ambiguous: 1, notes: 2 },
        { paper: 'b', mentions: 2, ambiguous: 1, notes: 2 },
      ]);
      assert.deepStrictEqual(index.notesOf('a'), ['/w/a.md', '/w/b.md']);
      assert.deepStrictEqual(index.mentionsOf('b').map(n => [n.path, n.mentions.map(m => [m.text, m.line, m.character])]), [
        ['/w/a.md', [['Gamma', 0, 0]]],
        ['/w/b.md', [['Beta', 1, 0]]],
      ]);
      assert.deepStrictEqual(index.paths(), ['/w/a.md', '/w/b.md', '/w/c.md']);
      assert.strictEqual(index.size, 3);
      assert.strictEqual(index.mentionCount, 5);
      assert.deepStrictEqual(index.notesOf('zzz'), []);
      assert.strictEqual(index.countOf('zzz'), undefined);
    });

    it('replaces a saved note incrementally: only its own entries change, and the counts stay exact', () => {
      const index = new WorkspaceMentionIndex();
      index.setNote(entry('/w/a.md', 'Alpha Beta'));
      index.setNote(entry('/w/b.md', 'Alpha'));
      const before = index.note('/w/b.md');
      index.setNote(entry('/w/a.md', 'Gamma Gamma', FP, 11, 2000));
      assert.strictEqual(index.note('/w/b.md'), before, 'another note was touched');
      assert.deepStrictEqual(index.papers(), recount(index));
      assert.deepStrictEqual(index.countOf('b'), { paper: 'b', mentions: 2, ambiguous: 2, notes: 1 });
      index.setNote(entry('/w/a.md', 'plain text now'));
      assert.strictEqual(index.countOf('b'), undefined, 'a paper no note mentions any more is gone');
      assert.deepStrictEqual(index.papers(), recount(index));
    });

    it('removes a note or a whole folder, and renames a note or a folder keeping stamps', () => {
      const index = new WorkspaceMentionIndex();
      index.setNotes([entry('/w/d/x.md', 'Alpha'), entry('/w/d/y.md', 'Beta'), entry('/w/dd.md', 'Alpha'), entry('/w/e.md', 'Gamma', FP, 5, 42)]);
      assert.deepStrictEqual(index.rename('/w/e.md', '/w/f.md'), ['/w/f.md']);
      assert.strictEqual(index.note('/w/f.md')?.mtime, 42);
      assert.ok(!index.has('/w/e.md'));
      assert.deepStrictEqual(index.rename('/w/d', '/w/z'), ['/w/z/x.md', '/w/z/y.md']);
      assert.deepStrictEqual(index.paths(), ['/w/dd.md', '/w/f.md', '/w/z/x.md', '/w/z/y.md'], 'a folder prefix must not catch /w/dd.md');
      assert.deepStrictEqual(index.mentionsOf('b').map(n => n.path), ['/w/f.md', '/w/z/y.md']);
      assert.deepStrictEqual(index.remove('/w/z'), ['/w/z/x.md', '/w/z/y.md']);
      assert.deepStrictEqual(index.paths(), ['/w/dd.md', '/w/f.md']);
      assert.deepStrictEqual(index.papers(), recount(index));
      assert.deepStrictEqual(index.remove('/w/nothing'), []);
    });

    it('tells which notes a library change must rescan', () => {
      const index = new WorkspaceMentionIndex();
      index.setNotes([entry('/w/a.md', 'Alpha', 'old'), entry('/w/b.md', 'Alpha', 'new'), entry('/w/c.md', 'Beta', 'old')]);
      assert.deepStrictEqual(index.staleNotes('new'), ['/w/a.md', '/w/c.md']);
      assert.deepStrictEqual(index.fingerprints().sort(), ['new', 'old']);
      index.remove(['/w/a.md', '/w/c.md']);
      assert.deepStrictEqual(index.fingerprints(), ['new']);
    });

    it('notifies listeners once per update with the paths changed, and a throwing listener harms no one', () => {
      const index = new WorkspaceMentionIndex();
      const seen: string[][] = [];
      index.onDidChange(() => {
        throw new Error('listener bug');
      });
      const stop = index.onDidChange(c => seen.push([...c.paths]));
      index.setNotes([entry('/w/a.md', 'Alpha'), entry('/w/b.md', 'Beta')]);
      index.rename('/w/a.md', '/w/c.md');
      index.remove('/w/b.md');
      stop();
      index.clear();
      assert.deepStrictEqual(seen, [['/w/a.md', '/w/b.md'], ['/w/a.md', '/w/c.md'], ['/w/b.md']]);
      assert.strictEqual(index.size, 0);
      assert.deepStrictEqual(index.papers(), []);
    });

    it('keeps exact counts through any sequence of updates (random sequences against a recount)', () => {
      const texts = ['Alpha', 'Beta Beta', 'Gamma Alpha', '', 'Alpha Beta Gamma'];
      let seed = 7;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
      const index = new WorkspaceMentionIndex();
      const paths = ['/w/a.md', '/w/b.md', '/w/s/c.md', '/w/s/d.md', '/w/t/e.md'];
      for (let step = 0; step < 500; step++) {
        const r = random();
        if (r < 0.6) index.setNote(entry(pick(paths), pick(texts)));
        else if (r < 0.75) index.remove(pick([...paths, '/w/s', '/w/t']));
        else index.rename(pick([...paths, '/w/s']), pick([...paths, '/w/u']));
        assert.deepStrictEqual(index.papers(), recount(index), `after step ${step}`);
        assert.strictEqual(index.mentionCount, [...index.entries()].reduce((n, e) => n + mentionCount(e.mentions), 0));
      }
    });
  });

  describe('scan plan', () => {
    it('reads only new, changed or stale notes and removes what is gone, within the scanned folders', () => {
      const index = new WorkspaceMentionIndex();
      index.setNotes([
        entry('/w/same.md', 'Alpha', FP, 5, 10),
        entry('/w/edited.md', 'Alpha', FP, 5, 10),
        entry('/w/resized.md', 'Alpha', FP, 5, 10),
        entry('/w/old-library.md', 'Alpha', 'fp0', 5, 10),
        entry('/w/deleted.md', 'Alpha', FP, 5, 10),
        entry('/other/kept.md', 'Alpha', FP, 5, 10),
      ]);
      const plan = planScan(index, [
        { path: '/w/same.md', size: 5, mtime: 10 },
        { path: '/w/edited.md', size: 5, mtime: 11 },
        { path: '/w/resized.md', size: 6, mtime: 10 },
        { path: '/w/old-library.md', size: 5, mtime: 10 },
        { path: '/w/new.md', size: 1, mtime: 1 },
      ], FP, ['/w']);
      assert.deepStrictEqual(plan.scan.map(f => f.path), ['/w/edited.md', '/w/resized.md', '/w/old-library.md', '/w/new.md'], 'in the order listed');
      assert.deepStrictEqual(plan.remove, ['/w/deleted.md']);
      assert.strictEqual(plan.unchanged, 1);
      assert.deepStrictEqual(planScan(index, [], FP).remove.length, 6, 'without `within`, every note not listed goes');
    });
  });

  describe('cache', () => {
    function sampleIndex(): WorkspaceMentionIndex {
      const index = new WorkspaceMentionIndex();
      index.setNotes([
        { path: '/w/real.md', size: 99, mtime: 1700000000123.456, fingerprint: 'lib-a', mentions: packNoteMentions(corpusFinder(), 'We compare DuoAttention with LongLoRA.\n\n"Quoted" and 😀 KVQuant\u2028here.') },
        entry('/w/unicode ✓ "name".md', 'Gamma\nAlpha', 'lib-b'),
        entry('/w/empty.md', ''),
      ]);
      return index;
    }

    it('round-trips every entry exactly, as NDJSON with a versioned header', () => {
      const index = sampleIndex();
      const text = [...encodeCache(index.entries())].join('');
      const lines = text.split('\n');
      assert.strictEqual(lines.length, 5, 'header, three notes, final newline');
      assert.strictEqual(JSON.parse(lines[0]).version, CACHE_VERSION);
      const decoded = decodeCache(text);
      assert.deepStrictEqual(decoded, [...index.entries()]);
      const again = new WorkspaceMentionIndex();
      again.setNotes(decoded);
      assert.deepStrictEqual(again.papers(), index.papers());
      // The header's tables may come from the index instead of a pass over every mention.
      const viaTables = [...encodeCache(index.entries(), { papers: index.paperIds(), fingerprints: index.fingerprints() })].join('');
      assert.deepStrictEqual(decodeCache(viaTables), [...index.entries()]);
    });

    it('ignores a cache of another format or version whole', () => {
      assert.throws(() => new CacheReader('{"format":"paper-lens.workspace-mentions","version":0,"papers":[],"fingerprints":[]}'), CacheFormatError);
      assert.throws(() => new CacheReader('{"format":"something-else","version":1}'), CacheFormatError);
      assert.throws(() => new CacheReader('not json'), CacheFormatError);
      assert.throws(() => new CacheReader(''), CacheFormatError);
    });

    it('drops torn or tampered lines (those notes are rescanned) and keeps the rest', () => {
      const index = sampleIndex();
      const lines = [...encodeCache(index.entries())];
      const reader = new CacheReader(lines[0]);
      const good = lines[1].trimEnd();
      assert.ok(reader.decodeLine(good));
      const tampered = (f: (r: unknown[]) => void) => {
        const r = JSON.parse(good);
        f(r);
        return JSON.stringify(r);
      };
      const numbers = (r: unknown[]) => r[5] as number[];
      assert.ok(numbers(JSON.parse(good)).length >= 14, 'the sample needs two mentions');
      const bad = [
        good.slice(0, good.length - 7), // torn by a crash
        '',
        '[]',
        tampered(r => (r[0] = 7)),
        tampered(r => (r[1] = -1)),
        tampered(r => (r[3] = 99)), // fingerprint index out of the table
        tampered(r => ((r[4] as number[][])[0][0] = 999)), // paper index out of the table
        tampered(r => (r[4] = [])), // a mention's paper set missing
        tampered(r => (numbers(r)[1] = 0)), // empty mention
        tampered(r => (numbers(r)[5] = 500)), // mention past its preview
        tampered(r => (numbers(r)[7] = -5)), // unsorted
        tampered(r => (numbers(r)[3] = 1e6)), // character past start
        tampered(r => numbers(r).pop()), // not whole
        tampered(r => (numbers(r)[2] = 0.5)),
        tampered(r => (r[6] = (r[6] as string).slice(1))), // previews shorter than their lengths
      ];
      for (const line of bad) assert.strictEqual(reader.decodeLine(line), undefined, line);
      const text = [lines[0], bad[0], '\n', lines[2], lines[3]].join('');
      assert.deepStrictEqual(decodeCache(text).map(e => e.path), [...index.entries()].slice(1).map(e => e.path));
    });

    it('keeps a line short: mention text only in its preview, offsets as steps', () => {
      const index = sampleIndex();
      const line = [...encodeCache(index.entries())][1];
      assert.ok(!line.includes('"DuoAttention"'), line);
      const [e] = decodeCache([...encodeCache(index.entries())].join(''));
      assert.deepStrictEqual(unpackMentions(e.mentions).map(m => m.text), ['DuoAttention', 'LongLoRA', 'KVQuant']);
      assert.ok(line.length < 400, `${line.length} chars: ${line}`);
    });
  });

  describe('packed mentions', () => {
    it('unpack to exactly the mentions packed, one paper list per distinct set', () => {
      const text = 'Alpha Beta Alpha Gamma\nGamma Beta';
      const ms = noteMentions(finder, text);
      const packed = packMentions(ms);
      assert.deepStrictEqual(unpackMentions(packed), ms);
      assert.deepStrictEqual(paperLists(packed), [['a'], ['b'], ['a', 'b']]);
      assert.strictEqual(packed.papers, 'a\tb\ta\nb');
      assert.strictEqual(packed.data.length, ms.length * MENTION_FIELDS);
      assert.deepStrictEqual(unpackMentions(packed, 'b').map(m => m.text), ['Beta', 'Gamma', 'Gamma', 'Beta']);
      assert.ok(isValidPacked(packed));
      assert.deepStrictEqual(unpackMentions(packMentions([])), []);
    });

    it('copies previews out of the note text, so a kept entry does not hold the note', () => {
      const packed = packNoteMentions(finder, `Alpha ${'x '.repeat(5000)}`);
      assert.ok(packed.previews.byteLength < 100 && packed.previews.buffer.byteLength < 100, 'previews are exact-size bytes, not a view of the note');
    });
  });

  describe('library fingerprint', () => {
    it('changes with any field of any paper, with their order and with the salt, and with nothing else', () => {
      const papers = corpusData().papers;
      const fp = libraryFingerprint(papers, 'v1');
      assert.strictEqual(libraryFingerprint(structuredClone(papers), 'v1'), fp);
      assert.notStrictEqual(libraryFingerprint(papers, 'v2'), fp);
      const edited = structuredClone(papers);
      edited[5].abstract += ' ';
      assert.notStrictEqual(libraryFingerprint(edited, 'v1'), fp);
      assert.notStrictEqual(libraryFingerprint([...papers].reverse(), 'v1'), fp);
      assert.notStrictEqual(libraryFingerprint(papers.slice(1), 'v1'), fp);
      assert.notStrictEqual(hash53('a'), hash53('b'));
    });
  });
});

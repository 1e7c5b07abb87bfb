// "In This Workspace" and the mention counts on cards: the index's counts arranged as the view shows
// them, over small hand-made papers and a real WorkspaceMentionIndex.
import * as assert from 'assert';
import type { Paper, Topic } from '../../src/core/library/model';
import { mentionedInMarkdown } from '../../src/ui/cardMarkdown';
import { groupWorkspacePapers, mentionedInText, noteLabel, occurrenceText, paperNotes, workspacePaperDescription } from '../../src/ui/workspaceGroups';
import { packMentions, type NoteMention, WorkspaceMentionIndex } from '../../src/core/workspace';

const TOPICS: Topic[] = [
  { id: 'kv', label: 'KV cache', description: 'Caches' },
  { id: 'pos', label: 'Position encoding', shortLabel: 'Positions', description: 'Positions' },
];

function paper(id: string, fields: Partial<Paper> = {}): Paper {
  return { id, title: `Title of ${id}`, abstract: '', firstAuthor: 'Doe', shortName: id.toUpperCase(), aliases: [], topics: ['kv'], links: [], year: 2024, ...fields };
}

const PAPERS = [paper('a', { year: 2023 }), paper('b'), paper('c', { topics: ['pos'] }), paper('d', { topics: [] })];
const snapshot = { topics: TOPICS, paper: (id: string) => PAPERS.find(p => p.id === id) };

function mention(start: number, papers: string[], fields: Partial<NoteMention> = {}): NoteMention {
  const text = papers[0].toUpperCase();
  return { start, end: start + text.length, line: 0, character: start, text, papers, ambiguous: papers.length > 1, preview: text, previewStart: 0, ...fields };
}

function index(notes: Record<string, NoteMention[]>): WorkspaceMentionIndex {
  const idx = new WorkspaceMentionIndex();
  for (const [path, mentions] of Object.entries(notes)) idx.setNote({ path, size: 1, mtime: 1, fingerprint: 'fp', mentions: packMentions(mentions) });
  return idx;
}

describe('workspace view: papers grouped like the Papers tree', () => {
  const idx = index({
    '/ws/one.md': [mention(0, ['a']), mention(10, ['b']), mention(20, ['b']), mention(30, ['c'])],
    '/ws/sub/two.md': [mention(0, ['b']), mention(10, ['d']), mention(20, ['gone'])],
  });

  it('groups by primary topic in the curated order, most-mentioned first, with counts; unknown ids left out', () => {
    const groups = groupWorkspacePapers(snapshot, idx.papers(), 'topic');
    assert.deepStrictEqual(groups.map(g => [g.key, g.label, g.mentions]), [['topic:kv', 'KV cache', 4], ['topic:pos', 'Positions', 1], ['topic:other', 'Other', 1]]);
    assert.deepStrictEqual(groups[0].papers.map(p => [p.paper.id, p.mentions, p.notes]), [['b', 3, 2], ['a', 1, 1]]);
    assert.ok(!groups.flatMap(g => g.papers).some(p => p.paper.id === 'gone'), 'a paper the library no longer has');
  });

  it('keeps the tree\'s year-then-name order between papers mentioned equally often, and groups by year or not at all', () => {
    const even = index({ '/ws/x.md': [mention(0, ['b']), mention(10, ['a'])] });
    assert.deepStrictEqual(groupWorkspacePapers(snapshot, even.papers(), 'topic')[0].papers.map(p => p.paper.id), ['a', 'b']);
    assert.deepStrictEqual(groupWorkspacePapers(snapshot, idx.papers(), 'year').map(g => g.key), ['year:2024', 'year:2023']);
    const flat = groupWorkspacePapers(snapshot, idx.papers(), 'none');
    assert.deepStrictEqual(flat.map(g => g.key), ['all']);
    assert.deepStrictEqual(flat[0].papers.map(p => p.paper.id), ['b', 'a', 'c', 'd']);
  });

  it('counts an ambiguous mention under each candidate and says so', () => {
    const amb = index({ '/ws/x.md': [mention(0, ['a', 'b']), mention(10, ['a'])] });
    const papers = groupWorkspacePapers(snapshot, amb.papers(), 'none')[0].papers;
    const a = papers.find(p => p.paper.id === 'a')!;
    assert.deepStrictEqual([a.mentions, a.ambiguous, a.notes], [2, 1, 1]);
    assert.strictEqual(workspacePaperDescription(a), '1 note · 2× (1 ambiguous) · 2023');
  });

  it('lists a paper\'s notes by how often they mention it, labelled relative to their folder', () => {
    const notes = paperNotes(idx.mentionsOf('b'), [{ path: '/ws', name: 'ws' }]);
    assert.deepStrictEqual(notes.map(n => [n.label, n.mentions.length]), [['one.md', 2], ['sub/two.md', 1]]);
    // Most mentions first even when the name sorts last; ties by name.
    const spread = index({ '/ws/m.md': [mention(0, ['b'])], '/ws/z.md': [mention(0, ['b']), mention(10, ['b'])], '/ws/a.md': [mention(0, ['b'])] });
    assert.deepStrictEqual(paperNotes(spread.mentionsOf('b'), [{ path: '/ws', name: 'ws' }]).map(n => [n.label, n.mentions.length]), [['z.md', 2], ['a.md', 1], ['m.md', 1]]);
  });
});

describe('workspace view: labels', () => {
  it('names a note relative to its folder, with the folder\'s name in a multi-root workspace', () => {
    const one = [{ path: '/home/me/notes', name: 'notes' }];
    const two = [...one, { path: '/home/me/notes/papers', name: 'papers' }];
    assert.strictEqual(noteLabel('/home/me/notes/a/b.md', one), 'a/b.md');
    assert.strictEqual(noteLabel('/home/me/notes/papers/c.md', two), 'papers/c.md', 'the deepest folder wins');
    assert.strictEqual(noteLabel('/home/me/notes/a.md', two), 'notes/a.md');
    assert.strictEqual(noteLabel('/elsewhere/x.md', one), '/elsewhere/x.md');
    assert.strictEqual(noteLabel('/home/me/notes-old/x.md', one), '/home/me/notes-old/x.md', 'a sibling folder is not inside');
  });

  it('shows an occurrence as one line, with an ellipsis where the line was cut before it', () => {
    assert.strictEqual(occurrenceText({ preview: 'and DuoAttention keeps', previewStart: 4, character: 40 }), '…and DuoAttention keeps');
    assert.strictEqual(occurrenceText({ preview: 'DuoAttention\r\nkeeps', previewStart: 0, character: 0 }), 'DuoAttention keeps');
    assert.strictEqual(mentionedInText(1), 'Mentioned in 1 note');
    assert.strictEqual(mentionedInText(3), 'Mentioned in 3 notes');
  });
});

describe('hover card: "Mentioned in N notes"', () => {
  const at = { uri: 'file:///ws/a.md', line: 2, character: 4 };

  it('links to Show Notes Mentioning This Paper with the paper and the hover\'s place, and nothing else', () => {
    const md = mentionedInMarkdown([{ paper: PAPERS[0], notes: 3 }], at);
    const m = /^\[\$\(references\) Mentioned in 3 notes\]\(command:paperLens\.showMentioningNotes\?([^)]+)\)$/.exec(md);
    assert.ok(m, md);
    assert.deepStrictEqual(JSON.parse(decodeURIComponent(m[1])), ['a', at]);
  });

  it('says nothing for a paper no note mentions, and names each candidate of an ambiguous name (escaped)', () => {
    assert.strictEqual(mentionedInMarkdown([{ paper: PAPERS[0], notes: 0 }], at), '');
    const hostile = paper('x', { shortName: '[evil](command:workbench.action.files.delete)' });
    const md = mentionedInMarkdown([{ paper: hostile, notes: 1 }, { paper: PAPERS[1], notes: 2 }], at);
    assert.ok(!md.includes('](command:workbench'), md);
    assert.match(md, /^\\\[evil\\\]\\\(command:workbench\\\.action\\\.files\\\.delete\\\): \[\$\(references\) Mentioned in 1 note\]/);
    assert.match(md, /B: \[\$\(references\) Mentioned in 2 notes\]/);
  });
});

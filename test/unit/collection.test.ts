import * as assert from 'assert';
import { Library } from '../../src/core/library/library';
import { TopicClassifier } from '../../src/core/library/topicClassifier';
import type { ArxivRecord } from '../../src/core/sources/arxivAtom';
import {
  COLLECTION_SOURCE_ID, CUSTOM_NAMESPACE, CollectionIndex, addItems, applyEdits, collectionKeyOf, collectionSource, fetchedSource,
  incomingFromRecord, incomingItem, itemEdits, itemKey, readCollection, removeItems, restoreItems, serializeCollection, setItemEdits,
} from '../../src/core/sources/collection';
import { bundledSource } from '../../src/core/sources/bundledCorpus';
import { cslSchemaViolations } from '../fixtures/cslSchema';
import { corpusData, englishLexicon } from './testCorpus';

const STREAMING: ArxivRecord = {
  arxiv: '2309.17453', version: 'v4', title: 'Efficient Streaming Language Models with Attention Sinks',
  abstract: 'Deploying Large Language Models (LLMs) in streaming applications such as multi-round dialogue, where long interactions are expected, is urgently needed but poses two major challenges. We introduce StreamingLLM, an efficient framework that enables LLMs trained with a finite length attention window to generalize to infinite sequence length without any fine-tuning. We show that StreamingLLM can enable Llama-2, MPT, Falcon, and Pythia to perform stable and efficient language modeling with up to 4 million tokens and more.',
  authors: ['Guangxuan Xiao', 'Yuandong Tian', 'Beidi Chen', 'Song Han', 'Mike Lewis'],
  published: { year: 2023, month: 9, day: 29 }, categories: ['cs.CL', 'cs.AI'], links: [{ kind: 'abstract', url: 'http://arxiv.org/abs/2309.17453v4' }],
};

const conversion = () => {
  const data = corpusData();
  return { lexicon: englishLexicon(), classifier: new TopicClassifier(data.topics, data.papers) };
};

/** An item as Zotero exports it: fields Paper Lens does not know must survive its writes. */
const ZOTERO_ITEM = {
  id: 'http://zotero.org/users/1/items/ABCD', 'citation-key': 'smith2020zotero', type: 'article-journal', title: 'A Zotero Item',
  author: [{ family: 'Smith', given: 'Ann' }], 'container-title': 'Journal', volume: '12', note: 'read twice', custom: { zotero: { color: 'red' } },
};

describe('collection model', () => {
  it('reads a file: empty is an empty collection; broken JSON or a non-array is never writable', () => {
    assert.deepStrictEqual(readCollection('', 'c.json'), { items: [], problems: [] });
    assert.deepStrictEqual(readCollection(' \n', 'c.json').items, []);
    const broken = readCollection('[{"id": "a",}', 'c.json');
    assert.match(broken.unwritable ?? '', /not valid JSON/);
    assert.strictEqual(broken.problems[0].line, 1);
    assert.match(readCollection('{"items": []}', 'c.json').unwritable ?? '', /not a CSL-JSON array/);
    const odd = readCollection('[1, {"id": "a", "type": "article", "title": "T"}]', 'c.json');
    assert.strictEqual(odd.unwritable, undefined);
    assert.deepStrictEqual(odd.items, [1, { id: 'a', type: 'article', title: 'T' }], 'a broken item is kept, not dropped');
  });

  it('adds items: new ones get unique ids, papers already there are skipped by arXiv id, DOI or title', () => {
    const first = incomingItem(incomingFromRecord(STREAMING));
    assert.strictEqual(first.id, 'xiao2023efficient');
    const added = addItems([ZOTERO_ITEM], [first]);
    assert.deepStrictEqual(added.added.map(i => i.id), ['xiao2023efficient']);
    assert.deepStrictEqual(added.items[0], ZOTERO_ITEM, 'existing items untouched');
    // Same arXiv id (another version, another title), same title without an id, and a same-key different paper.
    const again = addItems(added.items, [
      incomingItem({ ...incomingFromRecord(STREAMING), title: 'Efficient Streaming LMs (v5 title)' }),
      incomingItem({ title: 'a zotero  ITEM', abstract: '', authors: [] }),
      incomingItem({ ...incomingFromRecord(STREAMING), arxiv: '2309.99999', title: 'Another paper by the same people' }),
      { id: 'doi-twin', type: 'article', title: 'Other title', DOI: '10.1234/abc' },
      { id: 'doi-twin-2', type: 'article', title: 'Yet another', DOI: 'https://doi.org/10.1234/ABC' },
    ]);
    assert.deepStrictEqual(again.skipped.map(i => i.title), ['Efficient Streaming LMs (v5 title)', 'a zotero  ITEM', 'Yet another']);
    assert.deepStrictEqual(again.added.map(i => i.id), ['xiao2023another', 'doi-twin']);
    const sameKey = addItems(again.items, [{ ...first, title: 'Different', URL: 'https://arxiv.org/abs/2401.00001', number: 'arXiv:2401.00001' }]);
    assert.deepStrictEqual(sameKey.added.map(i => i.id), ['xiao2023efficienta']);
  });

  it('tells two papers with one title apart when their arXiv ids differ', () => {
    const index = new CollectionIndex([incomingItem(incomingFromRecord(STREAMING))]);
    assert.strictEqual(index.find({ title: STREAMING.title }), 0);
    assert.strictEqual(index.find({ title: STREAMING.title, arxiv: '2309.17453' }), 0);
    assert.strictEqual(index.find({ title: STREAMING.title, arxiv: '2501.00001' }), undefined);
  });

  it('gives a paper no lookup matched a local id that is no English word', () => {
    const item = incomingItem({ title: 'Dolphin: Long Context as a New Modality', abstract: 'x', authors: [] });
    assert.strictEqual(item.id, 'local-dolphin');
    assert.deepStrictEqual(cslSchemaViolations([item]), []);
  });

  it('removes by key and restores in place, unless the paper came back meanwhile', () => {
    const a = { id: 'a', type: 'article', title: 'A' };
    const b = { id: 'b', type: 'article', title: 'B' };
    const c = { id: 'c', type: 'article', title: 'C' };
    const { items, removed } = removeItems([a, b, c], ['b', 'zzz']);
    assert.deepStrictEqual(items, [a, c]);
    assert.deepStrictEqual(removed, [{ item: b, index: 1 }]);
    assert.deepStrictEqual(restoreItems(items, removed), [a, b, c]);
    assert.deepStrictEqual(restoreItems([a, c, { id: 'b2', type: 'article', title: 'b' }], removed), [a, c, { id: 'b2', type: 'article', title: 'b' }]);
    assert.deepStrictEqual(restoreItems([], removed), [b]);
    assert.strictEqual(itemKey(ZOTERO_ITEM), 'smith2020zotero');
  });

  it('stores corrections under custom["paper-lens"], keeps other custom fields, and removes them again', () => {
    const { items, previous, found } = setItemEdits([ZOTERO_ITEM], 'smith2020zotero', { names: ['ZoteroNet', 'ZN'], topics: ['kv-cache'] });
    assert.ok(found);
    assert.strictEqual(previous, undefined);
    assert.deepStrictEqual((items[0] as { custom: unknown }).custom, { zotero: { color: 'red' }, [CUSTOM_NAMESPACE]: { names: ['ZoteroNet', 'ZN'], topics: ['kv-cache'] } });
    assert.deepStrictEqual(itemEdits(items[0]), { names: ['ZoteroNet', 'ZN'], topics: ['kv-cache'] });
    const undone = setItemEdits(items, 'smith2020zotero', undefined);
    assert.deepStrictEqual(undone.items[0], ZOTERO_ITEM);
    assert.deepStrictEqual(undone.previous, { names: ['ZoteroNet', 'ZN'], topics: ['kv-cache'] });
    const bare = setItemEdits([{ id: 'x', type: 'article', custom: { [CUSTOM_NAMESPACE]: { names: ['X'] } } }], 'x', undefined);
    assert.deepStrictEqual(bare.items[0], { id: 'x', type: 'article' }, 'an empty custom field is removed');
    assert.strictEqual(setItemEdits([ZOTERO_ITEM], 'nope', { names: ['N'] }).found, false);
  });

  it('reads corrections from a file anyone may have edited: strings only, bounded, no duplicates', () => {
    const item = { id: 'x', custom: { [CUSTOM_NAMESPACE]: { names: ['  Good  Name ', 7, '', 'Good Name', 'x'.repeat(101), null], topics: ['kv-cache', 'bad topic!', { a: 1 }] } } };
    assert.deepStrictEqual(itemEdits(item), { names: ['Good Name'], topics: ['kv-cache'] });
    assert.strictEqual(itemEdits({ id: 'x', custom: { [CUSTOM_NAMESPACE]: 'names' } }), undefined);
    assert.strictEqual(itemEdits({ id: 'x', custom: [1] }), undefined);
    assert.deepStrictEqual(itemEdits({ id: 'x', custom: { [CUSTOM_NAMESPACE]: { names: Array.from({ length: 50 }, (_, i) => `N${i}`) } } })?.names?.length, 20);
  });

  it('is a library source: names derived like any paper, topics classified, corrections win', () => {
    const first = incomingItem(incomingFromRecord(STREAMING));
    const edited = setItemEdits(addItems([ZOTERO_ITEM], [first]).items, 'smith2020zotero', { names: ['ZoteroNet'], topics: ['kv-cache', 'no-such-topic'] }).items;
    const text = serializeCollection(edited);
    const known = new Set(corpusData().topics.map(t => t.id));
    const source = collectionSource(text, '/c.json', conversion(), { label: 'My collection', knownTopics: known });
    assert.strictEqual(source.id, COLLECTION_SOURCE_ID);
    assert.strictEqual(source.kind, 'collection');
    assert.deepStrictEqual(source.problems, []);
    const [zotero, streaming] = source.papers;
    assert.strictEqual(streaming.shortName, 'StreamingLLM', 'the abstract coins it; the same derivation as bundled papers');
    assert.ok(streaming.topics.length > 0, 'the classifier gives a curated topic');
    assert.strictEqual(streaming.arxiv, '2309.17453');
    assert.strictEqual(zotero.shortName, 'ZoteroNet');
    assert.deepStrictEqual(zotero.aliases.map(a => [a.name, a.origin]), [['ZoteroNet', 'curated'], ['smith2020zotero', 'key']]);
    assert.deepStrictEqual(zotero.topics, ['kv-cache'], 'a topic the library does not know is ignored');
    // Go to Definition lands on the item's opening brace, the line before its id.
    const line = text.split('\n').indexOf('    "id": "xiao2023efficient",');
    assert.deepStrictEqual(streaming.origins, [{ source: COLLECTION_SOURCE_ID, key: 'xiao2023efficient', file: '/c.json', line }]);
    // In a library with the bundled corpus: found by name, and merged with a bundled copy by arXiv id.
    const duo = incomingItem({ title: 'DuoAttention: Efficient Long-Context LLM Inference with Retrieval and Streaming Heads', abstract: '', authors: ['Guangxuan Xiao'], arxiv: '2410.10819', year: 2024 });
    const withDuo = collectionSource(serializeCollection([...edited, duo]), '/c.json', conversion(), { label: 'My collection' });
    const library = new Library([bundledSource(corpusData()), withDuo]);
    const snap = library.snapshot();
    assert.strictEqual(snap.lookup('StreamingLLM')[0]?.arxiv, '2309.17453');
    assert.strictEqual(snap.size, corpusData().papers.length + 2, 'DuoAttention merged, not doubled');
    assert.strictEqual(collectionKeyOf(snap.paperByArxiv('2410.10819')!), 'xiao2024duoattention');
    assert.strictEqual(collectionKeyOf(snap.paperByArxiv('2401.18079')!), undefined);
  });

  it('reports a broken file as a problem, with no papers, rather than throwing', () => {
    const source = collectionSource('[{"id": ', '/c.json', conversion(), { label: 'c' });
    assert.deepStrictEqual(source.papers, []);
    assert.match(source.problems?.[0]?.message ?? '', /JSON syntax error/);
    const untitled = collectionSource('[{"id": "a", "type": "article"}]', '/c.json', conversion(), { label: 'c' });
    assert.match(untitled.problems?.[0]?.message ?? '', /no title/);
  });

  it('applies corrections to names strictly when a name is an ordinary word', () => {
    const p = collectionSource(serializeCollection([{ id: 'k', type: 'article', title: 'T' }]), '/c.json', conversion(), { label: 'c' }).papers[0];
    const edited = applyEdits(p, { names: ['Dolphin', 'DolphinNet'] }, conversion());
    assert.deepStrictEqual(edited.aliases.map(a => [a.name, !!a.strict]), [['Dolphin', true], ['DolphinNet', false], ['k', true]]);
  });

  it('makes fetched papers a source with their arXiv id as id and no citation key', () => {
    const source = fetchedSource([STREAMING], conversion());
    assert.strictEqual(source.kind, 'fetched');
    const [p] = source.papers;
    assert.strictEqual(p.id, '2309.17453');
    assert.strictEqual(p.citationKey, undefined);
    assert.ok(!p.aliases.some(a => a.origin === 'key'));
    assert.strictEqual(p.shortName, 'StreamingLLM');
    assert.deepStrictEqual(p.authors, STREAMING.authors);
    assert.strictEqual(p.firstAuthor, 'Xiao');
    assert.ok(p.links.some(l => l.url === 'https://arxiv.org/abs/2309.17453'));
  });
});

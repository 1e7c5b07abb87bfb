import * as assert from 'assert';
import type { Clause } from '../../src/core/search/queryPlan';
import { TopicPriorBuilder } from '../../src/core/search/topicPrior';
import type { DocumentTerms } from '../../src/core/search/termIndex';

function doc(title: string, abstract: string): DocumentTerms {
  return { names: [], title: title.split(' '), abstract: abstract.split(' '), topics: [], phrases: [] };
}
function clause(term: string): Clause {
  return { alternatives: [{ terms: [term], weight: 1, label: term }], required: true, label: term, informativeness: 1 };
}

describe('topic prior', () => {
  const docs: [string[], DocumentTerms][] = [
    [['kv'], doc('evict cache', 'evict cache entries under a memory budget')],
    [['kv'], doc('quantize cache', 'quantize the cache to two bits')],
    [['video', 'kv'], doc('cache video', 'a cache of frames')],
    [['video'], doc('video benchmark', 'long video frames understanding')],
    [['video'], doc('video model', 'frames and clips')],
  ];
  const builder = new TopicPriorBuilder(['kv', 'video']);
  for (const [topics, terms] of docs) builder.add(topics, terms);
  const df = (t: string) => docs.filter(([, d]) => d.title.includes(t) || d.abstract.includes(t)).length;
  const prior = builder.finish(df);

  it('scores the topic whose papers use the query words highest, scaled to 1', () => {
    const scores = prior.topicScores([clause('evict')]);
    assert.strictEqual(scores[0], 1);
    assert.ok(scores[1] < 0.5, String(scores[1]));
    const video = prior.topicScores([clause('frames')]);
    assert.strictEqual(video[1], 1);
  });

  it('lifts papers of that topic, primary membership more than secondary', () => {
    const boost = prior.documentBoost([clause('evict')], 0.5);
    assert.strictEqual(boost(0), 1.5);
    assert.strictEqual(boost(1), 1.5, 'an in-topic paper without the word is lifted too');
    assert.ok(boost(2) > 1 && boost(2) < boost(1), 'secondary membership counts less');
    assert.ok(boost(3) < 1.1);
  });

  it('does nothing for a query no topic knows', () => {
    const boost = prior.documentBoost([clause('zebra')], 0.5);
    for (let d = 0; d < docs.length; d++) assert.strictEqual(boost(d), 1);
  });
});

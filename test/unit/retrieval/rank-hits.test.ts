import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rankHits } from '../../../src/retrieval/rank-hits.ts';
import { hit } from './hits.ts';

const at = (
  index: number,
  heading: string,
  score: number,
  text = 'Some explaining prose.',
  source = 'a.md',
) => hit(heading, text, score, { index, source });

const LINKS = '- [One](./one.md)\n- [Two](./two.md)';

test('results come best first with scores that never rise down the list', () => {
  const pool = [
    at(0, 'combineReducers > Arguments', 4.8),
    at(1, 'FAQ > Reducers > Further information', 4.66, LINKS, 'faq.md'),
    at(2, 'combineReducers > Overview', 4.6),
    at(3, 'Glossary > Reducer', 0.29, 'A reducer is a function.', 'glossary.md'),
  ];
  const ranked = rankHits(pool, 'What is a reducer?', 4);
  assert.deepEqual(
    ranked.map((result) => result.chunk.heading),
    [
      'Glossary > Reducer',
      'combineReducers > Arguments',
      'combineReducers > Overview',
      'FAQ > Reducers > Further information',
    ],
  );
  for (let i = 1; i < ranked.length; i += 1)
    assert.ok((ranked[i - 1]?.score ?? 0) >= (ranked[i]?.score ?? 0));
});

test('a page titled with the asked API lifts its opening passage, and the section naming the rest of the query above it', () => {
  const pool = [
    at(5, 'combineReducers > combineReducers(reducers) > Example > reducers/index.js', 3.6),
    at(4, 'combineReducers > combineReducers(reducers) > Arguments > Returns', 3.5),
    at(1, 'combineReducers > combineReducers(reducers) > Overview', 3.4),
    at(0, 'FAQ > How do I share state? Do I have to use combineReducers?', 9, 'Prose.', 'faq.md'),
  ];
  assert.equal(
    rankHits(pool, 'What does combineReducers do?', 4)[0]?.chunk.heading.endsWith('Overview'),
    true,
  );
  assert.equal(rankHits(pool, 'combineReducers return', 4)[0]?.chunk.heading.endsWith('Returns'), true);
});

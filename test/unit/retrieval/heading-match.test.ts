import assert from 'node:assert/strict';
import { test } from 'node:test';
import { terms } from '../../../src/domain/tokenize.ts';
import { headingNamesQuery } from '../../../src/retrieval/section-kind.ts';

const query = (text: string) => new Set(terms(text));

test('a section titled with exactly the asked-about term names the query, plural or not', () => {
  assert.ok(headingNamesQuery(query('What is a reducer?'), 'Glossary > Reducer'));
  assert.ok(headingNamesQuery(query('what are reducers'), 'Writing Tests > Reducers'));
});

test('only the section’s own heading counts, and it must not add or miss terms', () => {
  assert.ok(!headingNamesQuery(query('What is a reducer?'), 'Reducer > Examples'));
  assert.ok(!headingNamesQuery(query('What is a reducer?'), 'Glossary > Reducer Composition'));
  assert.ok(!headingNamesQuery(query('How do I test a reducer?'), 'Glossary > Reducer'));
  assert.ok(!headingNamesQuery(query('what is it?'), 'It'), 'a query of stop words names nothing');
});

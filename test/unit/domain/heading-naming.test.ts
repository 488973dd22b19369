import assert from 'node:assert/strict';
import { test } from 'node:test';
import { headingNamesQuery, queryNames } from '../../../src/domain/heading-naming.ts';

const query = queryNames;

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

test('a section titled with an API name the query names, signature and type label aside', () => {
  assert.ok(
    headingNamesQuery(query('What does --runInBand do?'), 'Jest CLI Options > Reference > --runInBand'),
  );
  assert.ok(
    headingNamesQuery(query('slowTestThreshold option'), 'Configuring Jest > slowTestThreshold [number]'),
  );
  assert.ok(headingNamesQuery(query('What does mockRestore do?'), 'Mock Functions > mockFn.mockRestore()'));
  assert.ok(
    headingNamesQuery(query('What is automock?'), 'Configuring Jest > Reference > automock [boolean]'),
  );
  assert.ok(
    !headingNamesQuery(
      query('What does jest.fn return?'),
      'The Jest Object > jest.spyOn(object, methodName)',
    ),
  );
  assert.ok(
    !headingNamesQuery(query('How does FastAPI use OpenAPI?'), 'Tutorial > OpenAPI'),
    'product names in UpperCamelCase are not API names',
  );
  assert.ok(
    !headingNamesQuery(
      query('In what order do beforeEach hooks run when describe blocks are nested?'),
      'Globals > beforeEach(fn, timeout)',
    ),
    'a name mentioned in passing is not what the query asks about',
  );
});

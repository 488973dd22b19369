import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isNavigational } from '../../../src/retrieval/section-kind.ts';

test('a labelled list of bare links is navigational', () => {
  const text =
    '**Documentation**\n\n- [Reducing Boilerplate](../usage/a.md)\n- [Splitting](./b.md)\n\n**Discussions**\n\n1. [#883: switch](https://x/883)';
  assert.ok(isNavigational(text));
});

test('prose, code, or list items with words beyond the link are not navigational', () => {
  assert.ok(!isNavigational('Reducers are pure functions. See [the guide](./a.md).'));
  assert.ok(!isNavigational('- [Reducers](./a.md): how to split them\n- [Store](./b.md) holds the state'));
  assert.ok(!isNavigational('- [Only one link](./a.md)'));
  assert.ok(!isNavigational('```js\nconst a = 1\n```'));
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitSentences } from '../../../src/providers/extractive/inline-markdown.ts';
import { splitUnits } from '../../../src/providers/extractive/text-units.ts';

describe('splitUnits', () => {
  it('keeps a fenced code block whole, without fences or highlight comments', () => {
    const units = splitUnits(
      'Use it like this:\n\n```js title="a.js"\n// highlight-next-line\nconst a = 1\n\nconst b = 2\n```\n',
    );
    assert.deepEqual(
      units.map((unit) => [unit.kind, unit.text, unit.lang]),
      [
        ['sentence', 'Use it like this:', ''],
        ['code', 'const a = 1\n\nconst b = 2', 'js'],
      ],
    );
  });

  it('makes each list item a unit', () => {
    const units = splitUnits(
      'Pieces:\n\n- A root `tagTypes` field\n- A `providesTags` array\n  spanning lines\n',
    );
    assert.deepEqual(
      units.map((unit) => unit.text),
      ['Pieces:', 'A root `tagTypes` field', 'A `providesTags` array spanning lines'],
    );
  });

  it('strips links and bold but keeps inline code and marks bold sentences', () => {
    const [unit] = splitUnits('**Call [`dispatch()`](#dispatch) with `a === b`.**');
    assert.equal(unit?.text, 'Call `dispatch()` with `a === b`.');
    assert.equal(unit?.emphasized, true);
  });

  it('keeps links to the web as Markdown links but reduces links into the book to their text', () => {
    const [unit] = splitUnits('Use [Celery](https://docs.celeryq.dev) or [tasks](../tasks.md#top).');
    assert.equal(unit?.text, 'Use [Celery](https://docs.celeryq.dev) or tasks.');
  });

  it('labels units with the heading above them and skips admonition fences', () => {
    const units = splitUnits('## Bundle Size\n\n:::tip\n\nIt is small.\n\n:::\n');
    assert.deepEqual(
      units.map((unit) => [unit.heading, unit.text]),
      [['Bundle Size', 'It is small.']],
    );
  });
});

describe('splitSentences', () => {
  it('splits at sentence ends but not after abbreviations or inside code spans', () => {
    assert.deepEqual(splitSentences('Use tools, e.g. Webpack. Call `a. B` now. Done!'), [
      'Use tools, e.g. Webpack.',
      'Call `a. B` now.',
      'Done!',
    ]);
  });
});

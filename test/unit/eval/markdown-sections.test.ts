import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitSections } from '../../../eval/markdown-sections.ts';

test('a section runs to the next heading of any level', () => {
  const sections = splitSections('# Title\nintro\n## A\na text\n### B\nb text\n## C\n');
  assert.deepEqual(
    sections.map((s) => [s.heading, s.level]),
    [
      ['Title', 1],
      ['A', 2],
      ['B', 3],
      ['C', 2],
    ],
  );
  assert.equal(sections[1]?.text, '## A\na text');
});

test('FastAPI `{ #id }` suffixes are not part of the heading', () => {
  assert.equal(splitSections('## Request Body { #request-body }\ntext')[0]?.heading, 'Request Body');
});

test('# lines inside fenced code are not headings', () => {
  const sections = splitSections('## Dockerfile\n```Dockerfile\n# a comment\nFROM python\n```\nafter');
  assert.equal(sections.length, 1);
  assert.match(sections[0]?.text ?? '', /after$/);
});

test('text before the first heading is named after the front-matter title', () => {
  const sections = splitSections('---\nid: x\ntitle: My Page\n---\nintro\n# H\n');
  assert.deepEqual(sections[0], { heading: 'My Page', level: 0, text: 'intro' });
});

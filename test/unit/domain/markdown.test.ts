import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readableMarker } from '../../../src/domain/markdown/admonition-marker.ts';
import { isHighlightComment } from '../../../src/domain/markdown/code-block.ts';
import { boundContainerNesting } from '../../../src/domain/markdown/container-nesting.ts';
import { parseHeadingId } from '../../../src/domain/markdown/heading-id.ts';
import { plainInlineText, readableInline } from '../../../src/domain/markdown/inline-text.ts';
import { markdownBlocks } from '../../../src/domain/markdown/markdown-blocks.ts';
import { parseMarkdown } from '../../../src/domain/markdown/parse-markdown.ts';

describe('boundContainerNesting', () => {
  it('leaves ordinary nesting alone', () => {
    const text = '> quote\n> > nested\n- item\n  - sub\n:::tip\n:::note\nx\n:::\n:::';
    assert.equal(boundContainerNesting(text), text);
  });

  it('flattens quotes nested past 16 levels, keeping every character position', () => {
    const text = `${'>'.repeat(20)} deep`;
    const bounded = boundContainerNesting(text);
    assert.equal(bounded.length, text.length);
    assert.equal(bounded, `${'>'.repeat(16)}${' '.repeat(4)} deep`);
  });

  it('flattens admonitions opened past 4 levels', () => {
    const bounded = boundContainerNesting(':::a\n'.repeat(6));
    assert.deepEqual(bounded.split('\n').slice(0, 6), [':::a', ':::a', ':::a', ':::a', '   a', '   a']);
  });
});

describe('the shared parse', () => {
  it('falls back to CommonMark when a text is no valid MDX', () => {
    assert.equal(parseMarkdown('<Tabs>\n\nx\n\n</Tabs>', { mdx: true }).mdx, true);
    assert.equal(parseMarkdown('a <!-- comment --> b', { mdx: true }).mdx, false);
  });

  it('keeps list markers, joins tight items and gives table cells', () => {
    const blocks = markdownBlocks('- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    assert.deepEqual(
      blocks.map((block) =>
        block.kind === 'text' ? [block.role, block.marker, block.joined] : [block.kind],
      ),
      [
        ['item', '- ', false],
        ['item', '- ', true],
        ['table', '', false],
      ],
    );
    const table = blocks[2];
    assert.deepEqual(table?.kind === 'text' ? table.rows : null, [
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps indented code and picks a fence longer than any inside it', () => {
    const [block] = markdownBlocks('    ```\n    x\n    ```');
    assert.deepEqual(block?.kind === 'code' ? [block.fence.marker, block.lines] : null, [
      '````',
      ['```', 'x', '```'],
    ]);
  });
});

describe('abbreviations', () => {
  it('keep their expansion after them, in CommonMark and in MDX', () => {
    const text = 'Work done by a <abbr title="Central Processing Unit">CPU</abbr>.';
    for (const mdx of [false, true]) {
      const [block] = markdownBlocks(mdx ? text : `${text} <!-- not MDX -->`, { mdx });
      assert.equal(
        block?.kind === 'text' ? block.markdown.trim() : null,
        'Work done by a CPU (Central Processing Unit).',
      );
    }
  });
});

describe('inline text', () => {
  it('reads headings as mdast-util-to-string does', () => {
    assert.equal(
      plainInlineText('Use **`dispatch`** with [the store](./store.md) \\& more'),
      'Use dispatch with the store & more',
    );
  });

  it('keeps web links and code, drops images, bold markers and book links', () => {
    assert.equal(
      readableInline('![logo](x.png) **Call** [`dispatch`](./api.md) or see [docs](https://redux.js.org).'),
      'Call `dispatch` or see [docs](https://redux.js.org).',
    );
  });

  it('leaves a text with too many delimiters as written instead of resolving its emphasis', () => {
    const text = '*a'.repeat(400);
    assert.equal(readableInline(text), text);
  });
});

describe('scanned by hand', () => {
  it('splits explicit heading ids in all three forms, and nothing else', () => {
    assert.deepEqual(parseHeadingId('Intro {#intro}'), { text: 'Intro', id: 'intro' });
    assert.deepEqual(parseHeadingId('Body { #body }'), { text: 'Body', id: 'body' });
    assert.deepEqual(parseHeadingId('Setup {/* #set-up */}'), { text: 'Setup', id: 'set-up' });
    assert.deepEqual(parseHeadingId('Object {a: 1}'), { text: 'Object {a: 1}', id: null });
    assert.deepEqual(parseHeadingId(`a${' '.repeat(5000)}b`), { text: `a${' '.repeat(5000)}b`, id: null });
  });

  it('turns admonition markers into readable labels', () => {
    assert.equal(readableMarker(':::tip Watch out'), 'Tip: Watch out');
    assert.equal(readableMarker(':::note[Heads up]{#x}'), 'Note: Heads up');
    assert.equal(readableMarker('/// warning | Careful'), 'Warning: Careful');
    assert.equal(readableMarker('//// tab | Python 3.10+'), 'Python 3.10+:');
    assert.equal(readableMarker(':::'), '');
    assert.equal(readableMarker('::: fastapi.Module'), null);
    assert.equal(readableMarker('// comment'), null);
  });

  it('recognises highlight magic comments of every comment syntax', () => {
    for (const line of [
      '// highlight-next-line',
      '  # highlight-start',
      '{/* highlight-end */}',
      '<!-- highlight-start -->',
    ])
      assert.ok(isHighlightComment(line), line);
    assert.ok(!isHighlightComment('// highlight the next line'));
  });
});

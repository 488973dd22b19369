import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { markdownBlocks } from '../../../src/domain/markdown/markdown-blocks.ts';
import { certainlyNotMdx } from '../../../src/domain/markdown/mdx-failure.ts';
import { parseMarkdown } from '../../../src/domain/markdown/parse-markdown.ts';

/** The MDX grammar as the shared parse tries it, without the shortcut under test. */
const mdx = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter)
  .use(remarkDirective)
  .use(remarkMdx);
const mdxRejects = (text: string): boolean => {
  try {
    mdx.parse(text);
    return false;
  } catch {
    return true;
  }
};

describe('certainlyNotMdx', () => {
  const sure = [
    '# About { #about }\n\nAbout FastAPI.',
    '\n\n## First Steps {#first-steps}\n\n```py\n{x}\n```\n',
    '# Body - Fields, (and more)! { #body-fields }\n<Tabs>\n</Tabs>',
    '# Hello { #id } and <b>',
  ];
  const unsure = [
    '# About\n\n{ #about }',
    '# `UploadFile` class { #uploadfile }',
    '# Call :x{ #id } here',
    '# Escaped \\{ #id }',
    '# See [a]({ #id })',
    '# Mail www.example.com{ #id }',
    '    # indented { #id }',
    '#NoSpace { #id }',
    '# Expression { #id + 1 }',
    'Text first\n# About { #about }',
    '',
  ];

  it('is true only where MDX indeed rejects the text', () => {
    for (const text of sure) {
      assert.equal(certainlyNotMdx(text), true, text);
      assert.equal(mdxRejects(text), true, `MDX accepted ${JSON.stringify(text)}`);
    }
    for (const text of unsure) assert.equal(certainlyNotMdx(text), false, text);
  });

  it('leaves the parse exactly as the MDX attempt and its CommonMark fallback made it', () => {
    for (const text of sure) {
      const parsed = parseMarkdown(text, { mdx: true });
      assert.equal(parsed.mdx, false);
      assert.deepEqual(markdownBlocks(text, { mdx: true }), markdownBlocks(text));
    }
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createMarkdownRenderer, htmlSink, isSafeHref } from '../../../src/widget/markdown.ts';

const sources: Record<number, { href: string; title: string }> = {
  1: { href: 'https://book.example/docs/store#getstate', title: 'Store' },
  2: { href: 'javascript:alert(1)', title: 'Evil' },
};
const render = (markdown: string) =>
  createMarkdownRenderer(htmlSink, { citation: (n) => sources[n] ?? null })(markdown).join('');

describe('safe Markdown rendering', () => {
  test('raw HTML in the text is shown as text, never as markup', () => {
    const html = render('Hi <img src=x onerror="alert(1)"> and\n\n<script>alert(2)</script>');
    assert.doesNotMatch(html, /<img|<script/);
    assert.match(html, /&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt;/);
    assert.match(html, /&lt;script&gt;alert\(2\)&lt;\/script&gt;/);
  });

  test('links keep http(s), mailto and relative targets and drop scriptable ones', () => {
    assert.equal(
      render('[a](https://x.example/p) [b](javascript:alert(1)) [c](../api/store)'),
      '<p><a href="https://x.example/p">a</a> b <a href="../api/store">c</a></p>',
    );
    assert.equal(isSafeHref(' JavaScript:alert(1)'), false);
    assert.equal(isSafeHref('data:text/html,x'), false);
    assert.equal(isSafeHref('/docs/a:b'), true);
    assert.equal(isSafeHref('mailto:a@b.example'), true);
  });

  test('images become their alt text, so answers load nothing from other hosts', () => {
    assert.equal(render('![a diagram](https://tracker.example/p.png)'), '<p>a diagram</p>');
  });

  test('code blocks stay code with their language, their text escaped', () => {
    assert.equal(
      render('```js\nif (a < b) {}\n```'),
      '<pre><code class="language-js">if (a &lt; b) {}</code></pre>',
    );
  });

  test('[n] markers link to known sources with safe URLs and stay text otherwise', () => {
    const html = render('Use getState [1], not this [2] or [3]; a [link](https://x.example) is no citation.');
    assert.match(
      html,
      /<sup class="cite"><a href="https:\/\/book\.example\/docs\/store#getstate" data-cite="1" aria-label="Source 1: Store">\[1\]<\/a><\/sup>/,
    );
    assert.match(html, /this \[2\] or \[3\];/);
    assert.match(html, /<a href="https:\/\/x\.example">link<\/a>/);
  });
});

import { readFile } from 'node:fs/promises';
import GithubSlugger from 'github-slugger';
import { splitFrontMatter } from '../ingest/front-matter.ts';
import { createMarkdownRenderer, escapeHtml, htmlSink } from '../widget/markdown.ts';

/** The sample-book page `/` shows; it has headings, prose and code to ask about. */
export const SAMPLE_PAGE = new URL(
  '../../examples/docusaurus/docs/understanding/thinking-in-redux/ThreePrinciples.md',
  import.meta.url,
);

const PAGE_CSS = `
:root { color-scheme: light dark; --fg: #1c1e21; --bg: #fff; --muted: #606770; --code: #f6f8fa; --line: #dadde1; --link: #6a3fb5; }
@media (prefers-color-scheme: dark) { :root { --fg: #e3e3e3; --bg: #1b1b1d; --muted: #a0a3a8; --code: #2b2d31; --line: #3a3b3f; --link: #b79cff; } }
body { margin: 0; font: 17px/1.65 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header.site { border-bottom: 1px solid var(--line); padding: 12px 20px; display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
header.site span { color: var(--muted); font-size: 14px; }
main { max-width: 760px; margin: 0 auto; padding: 24px 20px 120px; }
a { color: var(--link); }
pre { background: var(--code); border: 1px solid var(--line); border-radius: 8px; padding: 12px; overflow-x: auto; }
code { font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
:not(pre) > code { background: var(--code); padding: 1px 5px; border-radius: 4px; }
blockquote { margin: 0; padding-left: 14px; border-left: 4px solid var(--line); color: var(--muted); }
.admonition { border-left: 4px solid var(--link); background: var(--code); border-radius: 6px; padding: 4px 14px; margin: 16px 0; }
.admonition-title { font-weight: 700; text-transform: uppercase; font-size: 13px; }
.hint { background: var(--code); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; font-size: 15px; }
footer { color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); padding: 16px 20px; text-align: center; }
`;

/** A book-relative link (`../api/Store.md`) has no page here: keep its text only. */
const keepExternalLinks = (href: string): string | null => (/^(https?:|mailto:|#)/i.test(href) ? href : null);

/**
 * The page served at `/`: one sample-book page rendered with the widget's own safe Markdown
 * renderer and carrying the widget, so a visitor tries chat and select-to-ask on real content.
 * Built once by `npm run build` (no Docusaurus needed).
 */
export async function renderSamplePage(): Promise<string> {
  const { frontMatter, body } = splitFrontMatter(await readFile(SAMPLE_PAGE, 'utf8'));
  const slugger = new GithubSlugger();
  const render = createMarkdownRenderer(htmlSink, {
    admonitions: true,
    headingId: (text) => slugger.slug(text),
    linkHref: keepExternalLinks,
  });
  const title = frontMatter.title ?? 'Sample page';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Redux sample book · Docs chat</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header class="site"><strong>Redux</strong><span>a page of the sample book, served by the docs chat backend</span></header>
<main>
<p class="hint">Try the chat: press the button at the bottom right and ask a question, or select a sentence or some code below and choose “Ask about this”.</p>
<article class="markdown">
${render(body).join('\n')}
</article>
</main>
<footer>Text from the <a href="https://redux.js.org/understanding/thinking-in-redux/three-principles">Redux documentation</a>, MIT licence, © Dan Abramov and the Redux contributors.</footer>
<script src="/widget.js" defer data-title="Ask the Redux docs" data-accent="#764abc" data-examples="What is a reducer?|Why is state read-only?|How do I combine reducers?"></script>
</body>
</html>
`;
}

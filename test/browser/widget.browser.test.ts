/**
 * The reader widget in real Chromium (Debian's, driven by playwright-core): the example
 * Docusaurus site's static build on one loopback origin, the real backend (sample book, embedded
 * store, extractive answers) on another, so CORS is exercised. Screenshots go to
 * test/browser/artifacts/. Without Chromium or without the site build, every test is skipped
 * with a loud message saying why.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../src/app.ts';
import { buildAssets } from '../../src/build/build-assets.ts';
import { loadConfig } from '../../src/config.ts';
import { buildDeps, type Deps } from '../../src/deps.ts';
import type { AnswerEvent } from '../../src/domain/answer-events.ts';
import { AppError } from '../../src/errors.ts';
import { createLogger } from '../../src/logger.ts';
import { browserUnavailable, launchChromium } from '../helpers/browser.ts';
import { citedSource, fakeDeps, scriptedAnswer } from '../helpers/fake-deps.ts';
import { listenApp } from '../helpers/http.ts';
import { type StaticSite, serveStaticSite } from '../helpers/static-site.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
const SITE_BUILD = path.join(REPO, 'examples/docusaurus/build');
const ARTIFACTS = path.join(REPO, 'test/browser/artifacts');
const AXE = readFileSync(path.join(REPO, 'node_modules/axe-core/axe.min.js'), 'utf8');
const BOOK_BACKEND = 'http://localhost:7860'; // what examples/docusaurus/docusaurus.config.js names
const PRINCIPLES = '/understanding/thinking-in-redux/three-principles';

const missing =
  browserUnavailable() ??
  (existsSync(SITE_BUILD)
    ? null
    : `no example site build (cd examples/docusaurus && npm ci && npm run build)`);
if (missing) {
  console.warn(`\n!!! BROWSER TESTS SKIPPED: ${missing} !!!\n`);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });

/** Selects the text of the first element matching `selector` inside the article. */
async function selectText(page: Page, selector: string): Promise<string> {
  return page.evaluate((css) => {
    const target = document.querySelector(`article ${css}`);
    if (!target) throw new Error(`nothing matches article ${css}`);
    const range = document.createRange();
    range.selectNodeContents(target);
    const selection = document.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return selection?.toString() ?? '';
  }, selector);
}

/** Waits for the newest answer to finish; returns its text. */
async function lastAnswer(page: Page): Promise<string> {
  const answer = page.locator('docs-chat .msg.assistant').last();
  const alert = page.locator('docs-chat [role="alert"]');
  await answer.and(page.locator('[aria-busy="false"]')).or(alert).waitFor({ timeout: 30_000 });
  if ((await alert.count()) > 0) throw new Error(`the widget showed an error: ${await alert.innerText()}`);
  return answer.locator('.body').innerText();
}

async function ask(page: Page, question: string): Promise<void> {
  await page.locator('docs-chat textarea').fill(question);
  await page.locator('docs-chat textarea').press('Enter');
}

describe('reader widget in Chromium', { skip: missing ?? false }, () => {
  let browser: Browser;
  let site: StaticSite;
  let deps: Deps;
  let backend: { app: FastifyInstance; url: string };
  let assetsDir = '';
  let dataDir = '';

  before(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    assetsDir = await mkdtemp(path.join(tmpdir(), 'widget-assets-'));
    dataDir = await mkdtemp(path.join(tmpdir(), 'widget-data-'));
    await buildAssets(assetsDir);
    // The site must know the backend's port and the backend the site's origin: start the site
    // with a placeholder rewrite target, then the backend, then point the rewrite at it.
    const rewrite: [string, string] = [BOOK_BACKEND, ''];
    site = await serveStaticSite(SITE_BUILD, rewrite);
    const config = loadConfig({
      DATA_DIR: dataDir,
      DOCS_DIR: path.join(REPO, 'examples/docusaurus/docs'),
      SITE_URL: site.url,
      DOCS_ROUTE_BASE: '/',
      CORS_ORIGINS: site.url,
      LOG_LEVEL: 'silent',
    });
    deps = await buildDeps(config, createLogger('silent'));
    await deps.ingest.ingestPath('', { prune: true });
    backend = await listenApp(deps, { assetsDir });
    rewrite[1] = backend.url;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await backend?.app.close();
    await deps?.close();
    await site?.close();
    await rm(assetsDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  const openPage = async (pathname: string, viewport = { width: 1280, height: 860 }) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${site.url}${pathname}`);
    await page.locator('docs-chat .launcher').waitFor();
    return { page, context, problems };
  };

  test('asks, streams a cited answer, and a source link lands on its anchor in the same tab', async () => {
    const { page, context, problems } = await openPage(PRINCIPLES);
    const tokens: string[] = [];
    const userIds: unknown[] = [];
    page.on('response', (response) => {
      if (response.url() === `${backend.url}/chat`) tokens.push(response.headers()['content-type'] ?? '');
    });
    page.on('request', (request) => {
      if (request.url() === `${backend.url}/chat`) userIds.push(request.postDataJSON().user_id);
    });
    await page.locator('docs-chat .launcher').click();
    assert.equal(await page.locator('docs-chat [role="dialog"]').isVisible(), true);
    await ask(page, 'How do I combine reducers?');
    const text = await lastAnswer(page);
    assert.ok(text.length > 40, text);
    assert.match(tokens[0] ?? '', /^text\/event-stream/);
    const storedId = await page.evaluate(() => localStorage.getItem('docs-chat:user-id'));
    assert.match(String(storedId), /^anon-[0-9a-f-]{36}$/);
    assert.deepEqual(userIds, [storedId]);
    await shot(page, '01-answer-with-sources');
    const source = page.locator('docs-chat .sources a').first();
    const href = (await source.getAttribute('href')) ?? '';
    assert.ok(href.startsWith(`${site.url}/`) && href.includes('#'), href);
    await source.click();
    await page.waitForURL(href);
    const anchor = decodeURIComponent(new URL(href).hash.slice(1));
    const top = await page.evaluate(
      (id) => document.getElementById(id)?.getBoundingClientRect().top ?? null,
      anchor,
    );
    assert.notEqual(top, null, `no element #${anchor} on ${href}`);
    assert.ok((top ?? 999) < 200, `#${anchor} is at ${top}px, not scrolled to`);
    assert.equal(page.context().pages().length, 1, 'the source opened in the same tab');
    // The conversation survives the page load (sessionStorage, per tab).
    await page.locator('docs-chat .launcher').click();
    assert.equal(await page.locator('docs-chat .msg.assistant').count(), 1);
    await shot(page, '02-source-landed');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('select to ask: prose and code selections go to /chat/selection with context and page', async () => {
    const { page, context } = await openPage(PRINCIPLES);
    const bodies: Record<string, unknown>[] = [];
    page.on('request', (request) => {
      if (request.url() === `${backend.url}/chat/selection`) bodies.push(request.postDataJSON());
    });
    const selected = await selectText(page, 'h3 + p');
    await page.locator('docs-chat .ask-selection').click();
    await shot(page, '03-selection-quoted');
    assert.equal(await page.locator('docs-chat .quote blockquote').innerText(), selected.trim());
    await ask(page, 'Why does this matter?');
    assert.ok((await lastAnswer(page)).length > 20);
    assert.equal(bodies[0]?.selected_text, selected.trim());
    assert.equal(bodies[0]?.question, 'Why does this matter?');
    assert.equal(bodies[0]?.page_url, `${site.url}${PRINCIPLES}`);
    assert.match(String(bodies[0]?.surrounding_context), /single source of truth/i);
    // The answer cites the page the selection came from.
    assert.match(await page.locator('docs-chat .sources').last().innerText(), /Three Principles/);

    const code = await selectText(page, 'pre code');
    await page.locator('docs-chat .ask-selection').click();
    await page.locator('docs-chat .send').click();
    await lastAnswer(page);
    assert.equal(bodies[1]?.selected_text, code.trim());
    assert.equal(bodies[1]?.question, 'Explain this passage.');
    assert.match(String(bodies[1]?.surrounding_context), /getState/);
    await context.close();
  });

  test('keeps working after client-side navigation, attached once', async () => {
    const { page, context } = await openPage(PRINCIPLES);
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.locator('nav a[href="/understanding/thinking-in-redux/glossary"]').first().click();
    await page.waitForURL('**/glossary');
    await page.locator('article h1', { hasText: 'Glossary' }).waitFor();
    assert.equal(await page.evaluate(() => 'sameDocument' in window), true, 'the page was reloaded');
    assert.equal(await page.locator('docs-chat').count(), 1);
    const bodies: Record<string, unknown>[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/chat/selection')) bodies.push(request.postDataJSON());
    });
    await selectText(page, 'h2 ~ p');
    await page.locator('docs-chat .ask-selection').click();
    await ask(page, 'What does this mean?');
    await lastAnswer(page);
    assert.equal(bodies[0]?.page_url, `${site.url}/understanding/thinking-in-redux/glossary`);
    await shot(page, '11-after-client-side-navigation');
    await context.close();
  });

  test('feedback on an answer is recorded by the backend', async () => {
    const { page, context } = await openPage(PRINCIPLES);
    await page.locator('docs-chat .launcher').click();
    await ask(page, 'What is a reducer?');
    await lastAnswer(page);
    await page.locator('docs-chat .feedback [data-rating="down"]').last().click();
    await page.locator('docs-chat .feedback input').last().fill('Cite the glossary, please.');
    await page.locator('docs-chat .feedback form button').last().click();
    await page
      .locator('docs-chat .feedback [role="status"]', { hasText: 'Thanks for the comment' })
      .waitFor();
    await shot(page, '04-feedback');
    const records = (await deps.feedback.list(10)).filter((record) => record.rating === 'down');
    assert.equal(records.length, 1);
    assert.equal(records[0]?.comment, 'Cite the glossary, please.');
    await context.close();
  });

  test('follows dark mode and passes axe checks of roles and labels', async () => {
    const { page, context } = await openPage(PRINCIPLES);
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await page.locator('docs-chat .launcher').click();
    await ask(page, 'What is an action?');
    await lastAnswer(page);
    assert.equal(await page.locator('docs-chat').getAttribute('data-theme'), 'dark');
    const background = await page
      .locator('docs-chat .panel')
      .evaluate((panel) => getComputedStyle(panel).backgroundColor);
    assert.equal(background, 'rgb(27, 27, 29)');
    await shot(page, '05-dark');
    await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }>;
          };
        }
      ).axe;
      const result = await axe.run(
        { include: [['docs-chat']] },
        { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } },
      );
      return result.violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
    });
    assert.deepEqual(violations, []);
    assert.equal(await page.locator('docs-chat [role="log"]').getAttribute('aria-live'), 'polite');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('docs-chat [role="dialog"]').isVisible(), false);
    const focused = await page.evaluate(
      () => document.activeElement?.shadowRoot?.activeElement?.className ?? '',
    );
    assert.equal(focused, 'launcher', 'focus returns to the launcher on close');
    await context.close();
  });

  test('fills a 390 px wide screen', async () => {
    const { page, context } = await openPage(PRINCIPLES, { width: 390, height: 844 });
    await page.locator('docs-chat .launcher').click();
    await ask(page, 'What is the store?');
    await lastAnswer(page);
    const box = await page.locator('docs-chat .panel').boundingBox();
    assert.deepEqual(box && [box.x, box.y, box.width, box.height], [0, 0, 390, 844]);
    await shot(page, '06-narrow-390');
    await context.close();
  });
});

describe('reader widget against scripted answers (the backend page at /)', { skip: missing ?? false }, () => {
  let browser: Browser;
  let fakes: ReturnType<typeof fakeDeps>;
  let backend: { app: FastifyInstance; url: string };
  let assetsDir = '';

  before(async () => {
    assetsDir = await mkdtemp(path.join(tmpdir(), 'widget-assets-'));
    await buildAssets(assetsDir);
    fakes = fakeDeps();
    backend = await listenApp(fakes.deps, { assetsDir });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await backend?.app.close();
    await rm(assetsDir, { recursive: true, force: true });
  });

  test('renders code as code and never runs HTML from an answer, on the CSP-protected page at /', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    fakes.answers.chatProducer = () =>
      scriptedAnswer(
        [
          'Use this:\n\n```js\nconst ok = 1 < 2;\n```\n\n',
          '<img src=x onerror="window.pwned=1"> ',
          '<script>window.pwned=2</script> [1]',
        ],
        [citedSource(1, { url: 'https://book.example/docs/page-1#section' }), citedSource(2)],
      );
    await page.goto(backend.url);
    await page.locator('docs-chat .launcher').click();
    await ask(page, 'Show code');
    await lastAnswer(page);
    assert.equal(await page.locator('docs-chat .body pre code.language-js').innerText(), 'const ok = 1 < 2;');
    assert.match(await page.locator('docs-chat .body').innerText(), /<img src=x onerror/);
    assert.equal(await page.locator('docs-chat .body img, docs-chat .body script').count(), 0);
    assert.equal(await page.evaluate(() => 'pwned' in window), false);
    assert.equal(
      await page.locator('docs-chat .cite a').getAttribute('href'),
      'https://book.example/docs/page-1#section',
    );
    // `done` says only source 1 is cited: the list shows that one, not the uncited source 2.
    assert.deepEqual(await page.locator('docs-chat .sources li').allTextContents(), ['Page 1 — Section']);
    assert.equal(
      await page.locator('docs-chat .launcher').evaluate((el) => getComputedStyle(el).position),
      'fixed',
    );
    // A client module may load the script again on every route change: still one widget.
    await page.addScriptTag({ url: `${backend.url}/widget.js` });
    await page.addScriptTag({ url: `${backend.url}/widget.js` });
    assert.equal(await page.locator('docs-chat').count(), 1);
    assert.deepEqual(violations, []);
    await shot(page, '07-code-and-escaped-html');
    await page.close();
  });

  test('stop aborts the answer mid-stream, on the server too', async () => {
    const page = await browser.newPage();
    fakes.answers.chatProducer = async function* (_request, signal): AsyncGenerator<AnswerEvent> {
      yield { type: 'sources', sources: [citedSource(1)] };
      for (let index = 0; index < 200 && !signal.aborted; index++) {
        yield { type: 'text-delta', text: `word${index} ` };
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      yield {
        type: 'finish',
        answer: '',
        finishReason: 'stop',
        mode: 'extractive',
        usage: null,
        citations: [1],
      };
    };
    await page.goto(backend.url);
    await page.locator('docs-chat .launcher').click();
    await ask(page, 'Talk slowly');
    await page.locator('docs-chat .body', { hasText: 'word3' }).waitFor();
    await page.locator('docs-chat .stop').click();
    await page.locator('docs-chat .note', { hasText: 'Stopped.' }).waitFor();
    const signal = fakes.answers.signals.at(-1);
    for (let wait = 0; wait < 50 && !signal?.aborted; wait++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(signal?.aborted, true, 'the server saw the request aborted');
    assert.doesNotMatch(await page.locator('docs-chat .body').last().innerText(), /word150/);
    assert.equal(await page.locator('docs-chat .send').isVisible(), true);
    await shot(page, '08-stopped');
    await page.close();
  });

  test('a server problem and a server that is down show a readable error; retry answers once it is back', async () => {
    const page = await browser.newPage();
    fakes.answers.chatProducer = () => {
      throw new AppError('rate_limited', 'Too many questions from you; wait a minute.');
    };
    await page.goto(backend.url);
    await page.locator('docs-chat .launcher').click();
    await ask(page, 'Anyone there?');
    const alert = page.locator('docs-chat [role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Too many questions from you; wait a minute\./);
    await shot(page, '09-problem-detail');

    // The server goes down for real: the retry meets a closed port.
    const port = Number(new URL(backend.url).port);
    await backend.app.close();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await page.locator('docs-chat [role="alert"]', { hasText: 'could not be reached' }).waitFor();
    await shot(page, '10-server-down');

    backend.app = await createApp(fakes.deps, { assetsDir });
    await backend.app.listen({ port, host: '127.0.0.1' });
    fakes.answers.chatProducer = () => scriptedAnswer(['Back again [1].']);
    await page.locator('docs-chat [role="alert"]').getByRole('button', { name: 'Retry' }).click();
    assert.equal(await lastAnswer(page), 'Back again [1].');
    assert.equal(await page.locator('docs-chat [role="alert"]').count(), 0);
    await page.close();
  });
});

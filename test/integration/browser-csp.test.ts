import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { browserUnavailable, launchChromium } from '../helpers/browser.ts';
import { fakeDeps } from '../helpers/fake-deps.ts';
import { listenApp } from '../helpers/http.ts';

describe('HTML surfaces under their Content-Security-Policy, in Chromium', {
  skip: browserUnavailable() ?? false,
}, () => {
  let app: FastifyInstance;
  let url = '';
  let browser: Browser;
  before(async () => {
    ({ app, url } = await listenApp(fakeDeps().deps));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app.close();
  });

  /** Opens `path`, waits for `selector`, and returns the CSP violations and page errors seen. */
  const visit = async (path: string, selector: string): Promise<string[]> => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${url}${path}`);
    await page.waitForSelector(selector, { state: 'attached', timeout: 30_000 });
    await page.waitForTimeout(300);
    await page.close();
    return problems;
  };

  test('/docs renders every operation of the OpenAPI document without a CSP violation', async () => {
    assert.deepEqual(await visit('/docs', '.opblock-summary-path[data-path="/chat/selection"]'), []);
  });

  test('the page at / runs the widget under its CSP without a violation', async () => {
    assert.deepEqual(await visit('/', 'docs-chat'), []);
  });
});

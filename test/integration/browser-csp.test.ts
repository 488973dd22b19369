import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium } from 'playwright-core';
import { fakeDeps } from '../helpers/fake-deps.ts';
import { listenApp } from '../helpers/http.ts';

const CHROMIUM =
  process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(fs.existsSync);

describe('HTML surfaces under their Content-Security-Policy, in Chromium', {
  skip: CHROMIUM ? false : 'no Chromium (apt-get install chromium)',
}, () => {
  let app: FastifyInstance;
  let url = '';
  let browser: Browser;
  before(async () => {
    ({ app, url } = await listenApp(fakeDeps().deps));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
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
    await page.waitForSelector(selector, { timeout: 30_000 });
    await page.waitForTimeout(300);
    await page.close();
    return problems;
  };

  test('/docs renders every operation of the OpenAPI document without a CSP violation', async () => {
    assert.deepEqual(await visit('/docs', '.opblock-summary-path[data-path="/chat/selection"]'), []);
  });

  test('the page at / runs its own script and style without a CSP violation', async () => {
    assert.deepEqual(await visit('/', 'form, textarea, input'), []);
  });
});

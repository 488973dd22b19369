import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { readDocusaurusSite } from '../../../src/ingest/docusaurus-config.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
const fixtures = path.join(repo, 'test/fixtures/docusaurus-configs');
const corpora = path.join(repo, '../shared/corpora');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docusaurus-config-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

let counter = 0;
/** A site folder with `docs/` and the given config file; returns the docs folder. */
function site(config: string, name = 'docusaurus.config.js', extra: Record<string, string> = {}): string {
  const dir = path.join(root, `site-${++counter}`);
  fs.mkdirSync(path.join(dir, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(dir, name), config);
  for (const [file, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, file), text);
  return path.join(dir, 'docs');
}

const linkParts = async (docsDir: string) => {
  const found = await readDocusaurusSite(docsDir);
  return found && { siteUrl: found.siteUrl, routeBase: found.routeBase, trailingSlash: found.trailingSlash };
};

describe('reading real Docusaurus configs without running them', () => {
  const expected = {
    redux: { siteUrl: 'https://redux.js.org/', routeBase: '/', trailingSlash: undefined },
    jest: { siteUrl: 'https://jestjs.io/', routeBase: 'docs', trailingSlash: undefined },
    'testing-library': {
      siteUrl: 'https://testing-library.com/',
      routeBase: 'docs',
      trailingSlash: undefined,
    },
  };
  for (const [name, parts] of Object.entries(expected)) {
    it(`reads the ${name} excerpt (config in website/ beside docs/)`, async () => {
      assert.deepEqual(await linkParts(path.join(fixtures, name, 'docs')), parts);
    });
  }

  it('reads the sample book config next to examples/docusaurus/docs', async () => {
    const found = await readDocusaurusSite(path.join(repo, 'examples/docusaurus/docs'));
    assert.equal(found?.file, path.join(repo, 'examples/docusaurus/docusaurus.config.js'));
    assert.deepEqual(await linkParts(path.join(repo, 'examples/docusaurus/docs')), expected.redux);
  });

  const corpusCases = [
    ['redux-docs', expected.redux],
    ['jest-docs', expected.jest],
    ['testing-library-docs', expected['testing-library']],
  ] as const;
  for (const [corpus, parts] of corpusCases) {
    it(`reads the whole ${corpus} config of the shared corpora`, {
      skip: !fs.existsSync(corpora),
    }, async () => {
      assert.deepEqual(await linkParts(path.join(corpora, corpus, 'docs')), parts);
    });
  }
});

describe('readDocusaurusSite', () => {
  it('is null without a config, or when url is computed', async () => {
    const bare = path.join(root, 'bare', 'docs');
    fs.mkdirSync(bare, { recursive: true });
    assert.equal(await readDocusaurusSite(bare), null);
    assert.equal(
      await readDocusaurusSite(site('module.exports = { url: process.env.SITE, baseUrl: "/" };')),
      null,
    );
    assert.equal(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the config text holds a JS template literal
      await readDocusaurusSite(site('export default { url: `https://${host}`, baseUrl: "/" };')),
      null,
    );
    assert.equal(
      await readDocusaurusSite(site('export default { url: "ftp://x.dev", baseUrl: "/" };')),
      null,
    );
  });

  it('never runs the file', async () => {
    const marker = path.join(root, 'ran');
    const docs = site(
      `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x');\n` +
        `module.exports = { url: 'https://x.dev', baseUrl: '/' };`,
    );
    assert.equal((await readDocusaurusSite(docs))?.siteUrl, 'https://x.dev/');
    assert.equal(fs.existsSync(marker), false);
  });

  it('joins url and a GitHub Pages baseUrl and reads trailingSlash', async () => {
    const docs =
      site(`const config = { url: 'https://org.github.io/', baseUrl: '/book/', trailingSlash: true };
export default config;`);
    assert.deepEqual(await linkParts(docs), {
      siteUrl: 'https://org.github.io/book/',
      routeBase: 'docs',
      trailingSlash: true,
    });
  });

  it('is not misled by comments, regular expressions, strings with brackets or a decoy themeConfig.docs', async () => {
    const docs = site(
      `// url: 'https://wrong.dev'
/* baseUrl: '/wrong/' */
const pattern = /['"{]+/g;
const config: Config = {
  title: 'A } tricky { title',
  tagline: \`\${pattern} is \\\`fine\\\`\`,
  url: 'https://right.dev',
  baseUrl: '/',
  themeConfig: { docs: { routeBasePath: 'wrong' } },
  presets: [['classic', ({ docs: { routeBasePath: 'guide', editUrl: ({ docPath }) => \`/edit/\${docPath}\` } }) satisfies Options]],
};
export default config;`,
      'docusaurus.config.ts',
    );
    assert.deepEqual(await linkParts(docs), {
      siteUrl: 'https://right.dev/',
      routeBase: 'guide',
      trailingSlash: undefined,
    });
  });

  it('picks the docs plugin instance whose path is the docs folder', async () => {
    const docs = site(`module.exports = {
  url: 'https://x.dev', baseUrl: '/',
  presets: [['@docusaurus/preset-classic', { docs: { path: 'guides', routeBasePath: 'guides' } }]],
  plugins: [
    ['@docusaurus/plugin-content-docs', { id: 'api', path: 'docs', routeBasePath: 'reference' }],
  ],
};`);
    assert.equal((await readDocusaurusSite(docs))?.routeBase, 'reference');
  });

  it('serves the docs folder of a versioned site under next/ unless lastVersion is current', async () => {
    const versions = { 'versions.json': '["29.7", "29.6"]' };
    const versioned = site(
      `module.exports = { url: 'https://jestjs.io', baseUrl: '/' };`,
      undefined,
      versions,
    );
    assert.equal((await readDocusaurusSite(versioned))?.routeBase, 'docs/next');
    const current = site(
      `module.exports = { url: 'https://x.dev', baseUrl: '/', presets: [['classic', { docs: { lastVersion: 'current' } }]] };`,
      undefined,
      versions,
    );
    assert.equal((await readDocusaurusSite(current))?.routeBase, 'docs');
  });

  it('reads a config function that returns the object', async () => {
    const docs = site(`module.exports = async function createConfig() {
  const plugins = await loadPlugins();
  return { url: 'https://fn.dev', baseUrl: '/docs-site/', plugins };
};`);
    assert.equal((await readDocusaurusSite(docs))?.siteUrl, 'https://fn.dev/docs-site/');
  });
});

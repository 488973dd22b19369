import fs from 'node:fs/promises';
import path from 'node:path';
import { exportedObject, type JsObject, type JsValue } from './js-literal.ts';

/** What deep links need from a Docusaurus site's configuration. */
export interface DocusaurusSite {
  /** The config file read. */
  file: string;
  /** `url` + `baseUrl`, e.g. `https://org.github.io/book/`. */
  siteUrl: string;
  /** Route of the docs folder's current version: `routeBasePath`, plus `next` on versioned sites. */
  routeBase: string;
  /** The site's `trailingSlash` setting, when it has one. */
  trailingSlash?: boolean | undefined;
}

/** Where a book's config may sit: the site folder holding `docs/`, a `website/` beside it, or the docs folder. */
const CONFIG_DIRS = ['..', '../website', '.'];
const CONFIG_NAMES = ['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'].map((ext) => `docusaurus.config.${ext}`);
/** Larger files are not configs we can read statically. */
const MAX_CONFIG_BYTES = 1_048_576;

const isObject = (value: JsValue | undefined): value is JsObject => value instanceof Map;
const stringOf = (value: JsValue | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;

/**
 * Reads the Docusaurus configuration of the book whose docs are in `docsDir` without running it
 * (a literal reader, not `import`): `url`, `baseUrl`, `trailingSlash` and the docs plugin serving
 * `docsDir`. Null when there is no config, or its `url` is not a literal http(s) URL.
 */
export async function readDocusaurusSite(docsDir: string): Promise<DocusaurusSite | null> {
  const file = await findConfigFile(docsDir);
  if (file === null) return null;
  const config = exportedObject(await fs.readFile(file, 'utf8'));
  const url = stringOf(config?.get('url'));
  if (!config || !url || !/^https?:\/\//.test(url) || !URL.canParse(url)) return null;
  const baseUrl = stringOf(config.get('baseUrl')) ?? '/';
  const siteDir = path.dirname(file);
  const docs = docsPluginFor(config, siteDir, docsDir);
  const trailingSlash = config.get('trailingSlash');
  return {
    file,
    siteUrl: `${url.replace(/\/+$/, '')}/${baseUrl.replace(/^\/+/, '')}`,
    routeBase: await currentVersionRoute(docs, siteDir),
    trailingSlash: typeof trailingSlash === 'boolean' ? trailingSlash : undefined,
  };
}

async function findConfigFile(docsDir: string): Promise<string | null> {
  for (const dir of CONFIG_DIRS) {
    for (const name of CONFIG_NAMES) {
      const file = path.resolve(docsDir, dir, name);
      const stat = await fs.stat(file).catch(() => null);
      if (stat?.isFile() && stat.size <= MAX_CONFIG_BYTES) return file;
    }
  }
  return null;
}

/**
 * Options of the docs plugin instance whose `path` is `docsDir` (the preset's `docs` or a
 * `@docusaurus/plugin-content-docs` entry); otherwise the default instance's, or none (defaults).
 */
function docsPluginFor(config: JsObject, siteDir: string, docsDir: string): JsObject {
  const instances: JsObject[] = [];
  for (const entry of arrayOf(config.get('presets'))) {
    const options = Array.isArray(entry) ? entry[1] : undefined;
    const docs = isObject(options) ? options.get('docs') : undefined;
    if (isObject(docs)) instances.push(docs);
  }
  for (const entry of arrayOf(config.get('plugins'))) {
    if (!Array.isArray(entry) || !stringOf(entry[0])?.includes('content-docs')) continue;
    const options = entry[1];
    if (isObject(options)) instances.push(options);
  }
  const target = path.resolve(docsDir);
  const serving = instances.find(
    (docs) => path.resolve(siteDir, stringOf(docs.get('path')) ?? 'docs') === target,
  );
  const isDefault = (docs: JsObject) => (stringOf(docs.get('id')) ?? 'default') === 'default';
  return serving ?? instances.find(isDefault) ?? new Map();
}

const arrayOf = (value: JsValue | undefined): JsValue[] => (Array.isArray(value) ? value : []);

/**
 * The route of the docs folder's own (current) version. On a versioned site (a non-empty
 * `versions.json`) Docusaurus serves it under `next/` unless `lastVersion: 'current'` or
 * `versions.current.path` says otherwise.
 */
async function currentVersionRoute(docs: JsObject, siteDir: string): Promise<string> {
  const routeBase = stringOf(docs.get('routeBasePath')) ?? 'docs';
  const id = stringOf(docs.get('id')) ?? 'default';
  const versionsFile = path.join(siteDir, id === 'default' ? 'versions.json' : `${id}_versions.json`);
  const versions: unknown = await fs
    .readFile(versionsFile, 'utf8')
    .then((text) => JSON.parse(text) as unknown)
    .catch(() => []);
  if (!Array.isArray(versions) || versions.length === 0) return routeBase;
  if (stringOf(docs.get('lastVersion')) === 'current') return routeBase;
  const current = docs.get('versions');
  const currentOptions = isObject(current) ? current.get('current') : undefined;
  const versionPath = (isObject(currentOptions) ? stringOf(currentOptions.get('path')) : undefined) ?? 'next';
  return `${routeBase.replace(/\/+$/, '')}/${versionPath}`;
}

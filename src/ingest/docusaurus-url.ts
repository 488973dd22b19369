import type { FrontMatter } from './front-matter.ts';

/** Where the docs live on the public site. */
export interface SiteLocation {
  /** Public base URL, may include a base path (`https://org.github.io/book/`). */
  siteUrl: string;
  /** Docusaurus `routeBasePath`: `docs` by default; '' or '/' when docs are served at the root. */
  routeBase?: string | undefined;
  /** Docusaurus `trailingSlash`: true adds a final `/` to every page URL, false removes it. */
  trailingSlash?: boolean | undefined;
}

// Docusaurus's default number-prefix parser, including the patterns it deliberately ignores
// (dates such as `2021-01-05-post` and versions such as `1.2-notes`).
const IGNORED_PREFIX = /^(?:(?:\d{2}|\d{4})[-_.]\d{2}(?:[-_.](?:\d{2}|\d{4}))?|\d+[-_.]\d+)/;
const NUMBER_PREFIX = /^\d+\s*[-_.]+\s*(.*)$/;

/** `01-intro` → `intro`, `2. guides` → `guides`; dates and versions are left alone. */
export function stripNumberPrefix(name: string): string {
  if (IGNORED_PREFIX.test(name)) return name;
  return NUMBER_PREFIX.exec(name)?.[1] ?? name;
}

/** Splits a relative source path into stripped directory segments, raw file name and raw directory name. */
function sourceParts(source: string) {
  const segments = source
    .replace(/\\/g, '/')
    .replace(/^(?:\.\/|\/)+/, '')
    .split('/')
    .filter(Boolean);
  const file = segments.pop() ?? '';
  const fileName = file.replace(/\.[^.]*$/, '');
  return { dirs: segments, fileName, parentDir: segments.at(-1) };
}

/**
 * The page URL Docusaurus gives the doc at `source` (relative to the docs folder):
 * base URL + route base + slug, where the slug comes from front-matter `slug` (absolute with
 * a leading `/`, else relative to the directory), a category index file (`index`, `README` or
 * `<folder>/<folder>`) gets its folder's URL, and otherwise `id` (or the file name) is used.
 */
export function docusaurusPageUrl(source: string, frontMatter: FrontMatter, site: SiteLocation): string {
  const { dirs, fileName, parentDir } = sourceParts(source);
  const dirSlug = dirs.length === 0 ? '/' : `/${dirs.map(stripNumberPrefix).join('/')}/`;
  const lowerName = fileName.toLowerCase();
  const isCategoryIndex =
    lowerName === 'index' || lowerName === 'readme' || lowerName === parentDir?.toLowerCase();
  let slug: string;
  if (frontMatter.slug?.startsWith('/')) slug = frontMatter.slug;
  else if (!frontMatter.slug && isCategoryIndex) slug = dirSlug;
  else slug = resolvePath(frontMatter.slug ?? frontMatter.id ?? stripNumberPrefix(fileName), dirSlug);
  return withTrailingSlash(joinUrl(site.siteUrl, site.routeBase ?? 'docs', slug), site.trailingSlash);
}

/** Applies Docusaurus' `trailingSlash` option (undefined keeps each URL as its route gives it). */
function withTrailingSlash(url: string, trailingSlash: boolean | undefined): string {
  if (trailingSlash === undefined) return url;
  const { origin, pathname } = new URL(url);
  if (trailingSlash) return pathname.endsWith('/') ? url : `${url}/`;
  return pathname.length > 1 && pathname.endsWith('/') ? `${origin}${pathname.replace(/\/+$/, '')}` : url;
}

/** Resolves a relative slug against a directory path like a link would (`../x`, `./y`). */
function resolvePath(slug: string, directory: string): string {
  return new URL(slug, `https://resolve.invalid${encodeURI(directory)}`).pathname;
}

function joinUrl(siteUrl: string, routeBase: string, slug: string): string {
  const base = siteUrl.replace(/\/+$/, '');
  const route = routeBase.replace(/^\/+|\/+$/g, '');
  const path = encodePath(slug).replace(/^\/+/, '');
  return `${base}/${route ? `${route}/` : ''}${path}`;
}

/** Percent-encodes a path once, whether or not parts of it were encoded already. */
function encodePath(path: string): string {
  try {
    return encodeURI(decodeURI(path));
  } catch {
    return encodeURI(path);
  }
}

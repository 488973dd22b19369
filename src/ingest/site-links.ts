import { readDocusaurusSite } from './docusaurus-config.ts';

/** How page URLs are made for documents of DOCS_DIR, and where that came from. */
export interface SiteLinks {
  /** Public base URL, may include a base path (`https://org.github.io/book/`). */
  siteUrl: string;
  /** Docusaurus `routeBasePath` of the docs (plus a version path): '' when docs are at the root. */
  routeBase: string;
  /** Docusaurus `trailingSlash`, when the site sets it. */
  trailingSlash?: boolean | undefined;
  /** `SITE_URL`, or the path of the docusaurus.config file the values were read from. */
  from: string;
}

/** The settings links are resolved from (validated configuration). */
export interface SiteLinkSettings {
  docsDir: string;
  siteUrl?: string | undefined;
  docsRouteBase: string;
}

/**
 * The one place that decides how documents link to the public site, for the server and the CLI
 * alike: `SITE_URL` (with `DOCS_ROUTE_BASE`) when set, otherwise the book's docusaurus.config
 * read statically; null when neither gives a URL (documents are then stored without links).
 */
export async function resolveSiteLinks(settings: SiteLinkSettings): Promise<SiteLinks | null> {
  if (settings.siteUrl) {
    return { siteUrl: settings.siteUrl, routeBase: settings.docsRouteBase, from: 'SITE_URL' };
  }
  const site = await readDocusaurusSite(settings.docsDir);
  if (site === null) return null;
  return {
    siteUrl: site.siteUrl,
    routeBase: site.routeBase,
    trailingSlash: site.trailingSlash,
    from: site.file,
  };
}

import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml',
  '.woff2': 'font/woff2',
};

/** A static site on loopback, as GitHub Pages would serve a Docusaurus build. */
export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `root` (`/a/b` → `a/b.html` or `a/b/index.html`, like GitHub Pages). In HTML files,
 * `rewrite` replaces text: the example site's script tag names the backend a book owner would
 * run (`http://localhost:7860`); tests point it at the backend they started.
 */
export async function serveStaticSite(
  root: string,
  rewrite: [string, string] | null = null,
): Promise<StaticSite> {
  const resolve = async (pathname: string): Promise<string | null> => {
    const base = path.join(root, path.normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, ''));
    if (!base.startsWith(root)) return null;
    for (const candidate of [base, `${base}.html`, path.join(base, 'index.html')]) {
      const info = await stat(candidate).catch(() => null);
      if (info?.isFile()) return candidate;
    }
    return null;
  };
  const server: Server = createServer(async (request, response) => {
    const file = await resolve(new URL(request.url ?? '/', 'http://x').pathname);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    if (type.startsWith('text/html') && rewrite) {
      const html = (await readFile(file, 'utf8')).replaceAll(rewrite[0], rewrite[1]);
      response.writeHead(200, { 'content-type': type }).end(html);
      return;
    }
    response.writeHead(200, { 'content-type': type });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

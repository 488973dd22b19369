import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { renderSamplePage } from './sample-page.ts';

/** Where `npm run build` writes and the server reads (app.ts): `<repo>/dist`. */
const DEFAULT_ASSETS_DIR = fileURLToPath(new URL('../../dist', import.meta.url));

const WIDGET_ENTRY = fileURLToPath(new URL('../widget/main.ts', import.meta.url));

/** Sizes of the built widget, in bytes. */
export interface BuiltAssets {
  widgetBytes: number;
  widgetGzipBytes: number;
}

/** Bundles the widget (one minified IIFE, no module loader needed) and renders the page at `/`. */
export async function buildAssets(outDir: string = DEFAULT_ASSETS_DIR): Promise<BuiltAssets> {
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: [WIDGET_ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2022', 'chrome111', 'firefox113', 'safari16.4'],
    legalComments: 'eof',
    write: false,
    logLevel: 'warning',
  });
  const widget = result.outputFiles[0]?.contents;
  if (!widget) throw new Error('esbuild produced no widget bundle');
  await writeFile(path.join(outDir, 'widget.js'), widget);
  await writeFile(path.join(outDir, 'index.html'), await renderSamplePage());
  return { widgetBytes: widget.byteLength, widgetGzipBytes: gzipSync(widget, { level: 9 }).byteLength };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  // `--quiet` (used before `npm start`) keeps the server's own output the only output.
  const args = process.argv.slice(2);
  const folder = args.find((arg) => !arg.startsWith('--'));
  const outDir = folder ? path.resolve(folder) : DEFAULT_ASSETS_DIR;
  const sizes = await buildAssets(outDir);
  if (!args.includes('--quiet')) {
    console.log(
      `built ${path.relative(process.cwd(), outDir) || '.'}/widget.js: ${(sizes.widgetBytes / 1024).toFixed(1)} KB, ` +
        `${(sizes.widgetGzipBytes / 1024).toFixed(1)} KB gzipped; index.html`,
    );
  }
}

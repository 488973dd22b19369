import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { buildDeps } from '../deps.ts';
import { createLogger } from '../logger.ts';
import { createProgressBar } from './progress-bar.ts';

const usage = 'usage: npm run ingest -- [<docs-dir>] [--prune] [--path <sub/dir>]';

/** `npm run ingest -- <dir>`: ingests a docs folder into the configured store with a progress bar. */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      prune: { type: 'boolean', default: false },
      path: { type: 'string', default: '' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals.length > 1) {
    console.error(usage);
    return values.help ? 0 : 2;
  }
  const env = { ...process.env, ...(positionals[0] ? { DOCS_DIR: path.resolve(positionals[0]) } : {}) };
  const config = loadConfig(env);
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const deps = await buildDeps(config, logger);
  const bar = createProgressBar(process.stderr);
  try {
    const summary = await deps.ingest.ingestPath(
      values.path,
      { prune: values.prune },
      undefined,
      (done, total, source) => bar.update(done, total, source),
    );
    bar.finish();
    console.log(
      `ingested ${summary.documents} documents from ${config.docsDir}: ${summary.documents - summary.unchanged} changed ` +
        `(${summary.chunks} chunks, ${summary.embedded} embedded), ${summary.unchanged} unchanged, ` +
        `${summary.deleted} deleted in ${summary.took_ms} ms`,
    );
    return 0;
  } finally {
    await deps.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);

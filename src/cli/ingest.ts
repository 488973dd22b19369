import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config.ts';
import { acquireDataDirLock } from '../data-dir-lock.ts';
import { buildDeps } from '../deps.ts';
import { createLogger } from '../logger.ts';
import { createProgressBar } from './progress-bar.ts';

const usage = 'usage: npm run ingest -- [<docs-dir>] [--prune] [--path <sub/dir>] [--wait <seconds>]';

/** How long the CLI waits for another ingest command to release DATA_DIR, by default. */
const DEFAULT_WAIT_SECONDS = 60;

/**
 * The configuration and DOCS_DIR-relative path to ingest. A directory inside the configured
 * DOCS_DIR is ingested as that sub-path, so its documents keep the sources (and URLs) the server
 * gives them; any other directory becomes DOCS_DIR itself.
 */
function target(dir: string | undefined, subPath: string): { config: Config; relativePath: string } {
  const env = { LOG_LEVEL: 'warn', ...process.env };
  const configured = loadConfig(env);
  if (dir === undefined) return { config: configured, relativePath: subPath };
  const inside = path.relative(configured.docsDir, path.resolve(dir));
  if (inside === '' || (!inside.startsWith('..') && !path.isAbsolute(inside))) {
    return { config: configured, relativePath: path.posix.join(inside.split(path.sep).join('/'), subPath) };
  }
  return { config: loadConfig({ ...env, DOCS_DIR: path.resolve(dir) }), relativePath: subPath };
}

/** `npm run ingest -- <dir>`: ingests a docs folder into the configured store with a progress bar. */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      prune: { type: 'boolean', default: false },
      path: { type: 'string', default: '' },
      wait: { type: 'string', default: String(DEFAULT_WAIT_SECONDS) },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const waitSeconds = Number(values.wait);
  if (values.help || positionals.length > 1 || !(waitSeconds >= 0)) {
    console.error(usage);
    return values.help ? 0 : 2;
  }
  const { config, relativePath } = target(positionals[0], values.path);
  const logger = createLogger(config.LOG_LEVEL);
  const lock = await acquireDataDirLock(
    config.dataDir,
    { role: 'cli' },
    {
      waitMs: waitSeconds * 1000,
      onWait: (holder) =>
        console.error(
          `waiting up to ${waitSeconds} s for ${holder ? `pid ${holder.pid}` : 'another process'} to release ${config.dataDir}…`,
        ),
    },
  );
  const deps = await buildDeps(config, logger);
  const bar = createProgressBar(process.stderr);
  try {
    const summary = await deps.ingest.ingestPath(
      relativePath,
      { prune: values.prune },
      undefined,
      (done, total, source) => bar.update(done, total, source),
    );
    bar.finish();
    console.log(
      `ingested ${summary.documents} documents from ${path.join(config.docsDir, relativePath)}: ` +
        `${summary.documents - summary.unchanged} changed (${summary.chunks} chunks, ${summary.embedded} embedded), ` +
        `${summary.unchanged} unchanged, ${summary.deleted} deleted in ${summary.took_ms} ms`,
    );
    return 0;
  } finally {
    await deps.close();
    lock.release();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // ConfigError and DataDirLockedError messages are written for the user; print them alone.
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);

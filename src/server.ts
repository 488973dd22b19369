import fs from 'node:fs';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock.ts';
import { buildDeps, loadExtractiveGenerator } from './deps.ts';
import { createLogger } from './logger.ts';

/** Longest a graceful shutdown may take before the process exits regardless. */
const SHUTDOWN_GRACE_MS = 10_000;

/** The server process (started by main.ts): config, lock, deps, DOCS_DIR sync, listen, signals. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  // The writer lock comes before anything touches the index: a second server on the same
  // DATA_DIR stops here, having changed nothing. Qdrant serves many replicas, so there the lock
  // only guards the start-up sync.
  const lock = await acquireDataDirLock(config.dataDir, { role: 'server', port: config.PORT });
  const deps = await buildDeps(config, logger);
  if (config.SYNC_ON_START && fs.existsSync(config.docsDir)) {
    const summary = await deps.ingest.ingestPath('', { prune: true });
    logger.info({ docsDir: config.docsDir, ...summary }, 'docs synced');
  } else if (config.SYNC_ON_START) {
    logger.warn({ docsDir: config.docsDir }, 'DOCS_DIR does not exist: nothing to sync');
  }
  if (config.qdrantEnabled) lock.release();
  const app = await createApp(deps);
  let closing = false;
  // Stop accepting, end open answer streams with an `error` event (app.ts preClose), close the
  // store; a part that hangs must not keep the process alive past the grace period.
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown took too long: exiting anyway');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    try {
      await app.close();
      await deps.close();
      // Released here, not left to the garbage collector: an unreferenced lock object would be
      // collected and its SQLite handle closed, freeing DATA_DIR while the server still runs.
      lock.release();
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.PORT, host: config.HOST });
  // Loaded after listening, so the first answer does not wait for it and start-up does not either.
  if (!config.openaiEnabled) await loadExtractiveGenerator();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error('failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});

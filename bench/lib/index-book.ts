import { loadConfig } from '../../src/config.ts';
import { buildDeps } from '../../src/deps.ts';
import { createLogger } from '../../src/logger.ts';

/**
 * Indexes DOCS_DIR into DATA_DIR (both in `env`) and closes everything again, so that a server
 * measured afterwards starts over an indexed book as after a restart, without the ingest's
 * parse workers and garbage in its own figures.
 */
export async function indexBook(env: Record<string, string>): Promise<void> {
  const deps = await buildDeps(loadConfig({ ...env, LOG_LEVEL: 'silent' }), createLogger('silent'));
  try {
    await deps.ingest.ingestPath('.', { prune: false });
  } finally {
    await deps.close();
  }
}

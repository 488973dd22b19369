/**
 * Cold start: how long `node src/main.ts` takes from spawn to a 200 from /health when DATA_DIR
 * already holds the indexed corpus (the start-up sync then only hashes the unchanged pages).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { indexBook } from '../lib/index-book.ts';
import { type Summary, summarize } from '../lib/stats.ts';

const mainScript = path.resolve(import.meta.dirname, '../../src/main.ts');

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  return typeof address === 'object' && address ? address.port : 0;
}

async function timeToHealthy(env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [mainScript], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        if (response.status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 30_000) throw new Error('no healthy server within 30 s');
      await sleep(5);
    }
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}

export async function benchColdStart(docsDir: string, runs: number): Promise<Summary> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-cold-'));
  const env = { DATA_DIR: dataDir, DOCS_DIR: docsDir };
  try {
    await indexBook(env);
    await timeToHealthy(env); // warms the OS file cache
    const samples: number[] = [];
    for (let i = 0; i < runs; i += 1) samples.push(await timeToHealthy(env));
    return summarize(samples);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

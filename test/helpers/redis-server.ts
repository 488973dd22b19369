import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import os from 'node:os';

/** A throwaway redis-server on loopback, without persistence. */
export interface RedisTestServer {
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Why Redis tests cannot run here, or undefined when `redis-server` is on PATH. Printed loudly,
 * because a skipped suite is easy to miss: CI installs Debian's redis-server (see .ci/run).
 */
export function redisUnavailable(): string | undefined {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (!probe.error && probe.status === 0) return undefined;
  const reason = 'redis-server is not on PATH: Redis tests SKIPPED (apt-get install -y redis-server)';
  console.warn(`\n*** ${reason} ***\n`);
  return reason;
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** Waits until the server says it accepts connections (or fails when it exits first). */
async function ready(child: ChildProcess): Promise<void> {
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
    child.once('error', reject);
  });
}

/** Starts redis-server on a random free loopback port: no RDB snapshots, no AOF, no config file. */
export async function startRedisServer(): Promise<RedisTestServer> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', os.tmpdir()],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  await ready(child);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

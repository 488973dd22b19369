/** Forks bench/lib/server-process.ts and talks to it over IPC. */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { NO_RATE_LIMITS } from '../../test/helpers/no-rate-limits.ts';

export interface ServerStats {
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  maxRssMb: number;
  rssMb: number;
  /** Largest V8 heap in use, sampled every 20 ms. */
  peakHeapUsedMb: number;
  /** Largest memory of C++ objects bound to JS (buffers), sampled every 20 ms. */
  peakExternalMb: number;
}

export interface ServerChild {
  url: string;
  /** Event-loop delay since the last call, and memory. */
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

export async function forkServer(env: Record<string, string>): Promise<ServerChild> {
  const child: ChildProcess = fork(path.join(import.meta.dirname, 'server-process.ts'), [], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...NO_RATE_LIMITS, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // e.g. BENCH_SERVER_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server under load.
    execArgv: (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean),
  });
  const next = async <T>(type: string): Promise<T> => {
    for (;;) {
      const [message] = (await once(child, 'message')) as [{ type: string } & T];
      if (message.type === type) return message;
    }
  };
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`bench server exited with ${String(code)} before listening`);
  });
  const { url } = await Promise.race([next<{ url: string }>('listening'), exited]);
  return {
    url,
    stats: async () => {
      const reply = next<ServerStats>('stats');
      child.send({ type: 'stats' });
      return reply;
    },
    stop: async () => {
      child.send({ type: 'stop' });
      await once(child, 'exit');
    },
  };
}

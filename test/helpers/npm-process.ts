import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A real `npm start` (or other script) in its own process group, with its output collected. */
export interface NpmProcess {
  child: ChildProcess;
  /** stdout + stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal name) of the npm process. */
  exited: Promise<number | string>;
}

/** Runs `npm run <script> [-- args]` from the repository root with `env` added to this environment. */
export function runNpm(script: string, env: Record<string, string>, args: string[] = []): NpmProcess {
  const child = spawn('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
  return { child, output: () => text, exited };
}

/** Waits until the server logs its address; returns the base URL and the pid of the node server. */
export async function untilListening(
  npm: NpmProcess,
  timeoutMs = 60_000,
): Promise<{ url: string; pid: number }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // Complete lines only: the last piece may be half of a log record.
    for (const line of npm.output().split('\n').slice(0, -1)) {
      if (!line.includes('Server listening at http://127.0.0.1:')) continue;
      const record = JSON.parse(line) as { msg: string; pid: number };
      return { url: record.msg.slice('Server listening at '.length), pid: record.pid };
    }
    if (npm.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not start:\n${npm.output()}`);
}

/** Resolves with the exit of `npm`, or rejects after `timeoutMs`. */
export async function exitWithin(npm: NpmProcess, timeoutMs: number): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`npm still running after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([npm.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a process with this pid runs (an exited, unreaped zombie does not count). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/<pid>/stat: "pid (name) state …"; the name may hold spaces, the state follows the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** Polls until `pid` is gone; false when it is still alive after `timeoutMs`. */
export async function goneWithin(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

/** Ends a process group we started, if anything of it is left (test clean-up). */
export function killGroup(npm: NpmProcess): void {
  try {
    if (npm.child.pid !== undefined) process.kill(-npm.child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';

/** Who holds the DATA_DIR lock, as recorded next to it for the message a second process prints. */
export interface LockHolder {
  role: 'server' | 'cli';
  pid: number;
  port?: number | undefined;
  started_at: string;
}

/** A held lock on DATA_DIR; released by `release()` or, whatever happens, when the process ends. */
export interface DataDirLock {
  release(): void;
}

/** Thrown when another process holds the lock; its message says who and what to do instead. */
export class DataDirLockedError extends Error {
  readonly holder: LockHolder | null;
  constructor(message: string, holder: LockHolder | null) {
    super(message);
    this.name = 'DataDirLockedError';
    this.holder = holder;
  }
}

const LOCK_FILE = 'writer.lock';
const HOLDER_FILE = 'writer.lock.json';
const POLL_MS = 250;

/**
 * Open lock handles, referenced until released: a Database nobody references is closed by the
 * garbage collector, which would free DATA_DIR while its holder still runs.
 */
const held = new Set<Database.Database>();

/**
 * Takes the exclusive writer lock of `dataDir` before the index is touched. The lock is an
 * exclusive SQLite transaction on `writer.lock` (an fcntl lock held by the process), so a dead
 * holder's lock is released by the operating system and taken over at once: no stale pid files.
 * Waits up to `waitMs` (0: fails at once) and stops waiting early when the holder is a server,
 * which holds its lock until it stops. Throws DataDirLockedError when the lock stays taken.
 */
export async function acquireDataDirLock(
  dataDir: string,
  holder: Omit<LockHolder, 'pid' | 'started_at'>,
  options: { waitMs?: number; onWait?: (holder: LockHolder | null) => void } = {},
): Promise<DataDirLock> {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, LOCK_FILE), { timeout: 0 });
  const deadline = Date.now() + (options.waitMs ?? 0);
  let waited = false;
  for (;;) {
    try {
      db.exec('BEGIN EXCLUSIVE');
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') {
        db.close();
        throw error;
      }
      const current = readHolder(dataDir);
      if (Date.now() >= deadline || current?.role === 'server') {
        db.close();
        throw new DataDirLockedError(lockedMessage(dataDir, current), current);
      }
      if (!waited) options.onWait?.(current);
      waited = true;
      await sleep(POLL_MS);
    }
  }
  const record: LockHolder = { ...holder, pid: process.pid, started_at: new Date().toISOString() };
  fs.writeFileSync(path.join(dataDir, HOLDER_FILE), `${JSON.stringify(record)}\n`);
  held.add(db);
  return {
    release: () => {
      held.delete(db);
      if (db.open) db.close();
    },
  };
}

function readHolder(dataDir: string): LockHolder | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, HOLDER_FILE), 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

function lockedMessage(dataDir: string, holder: LockHolder | null): string {
  const who =
    holder?.role === 'server'
      ? `a server (pid ${holder.pid}${holder.port ? `, port ${holder.port}` : ''})`
      : holder?.role === 'cli'
        ? `an ingest command (pid ${holder.pid})`
        : 'another process';
  const advice =
    holder?.role === 'server'
      ? `Stop it first, use another DATA_DIR, or ingest through the running server: ` +
        `curl -s localhost:${holder.port || '<port>'}/embed -H 'content-type: application/json' -d '{"path": "."}'`
      : 'Wait for it to finish, or use another DATA_DIR.';
  return `DATA_DIR ${dataDir} is in use by ${who}; nothing was changed. ${advice}`;
}

import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { acquireDataDirLock, DataDirLockedError } from '../../src/data-dir-lock.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'data-dir-lock-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshDir = () => path.join(root, `data-${++counter}`);

describe('DATA_DIR writer lock', () => {
  it('refuses a second holder at once when a server holds it, and says how to ingest instead', async () => {
    const dir = freshDir();
    const server = await acquireDataDirLock(dir, { role: 'server', port: 7861 });
    await assert.rejects(acquireDataDirLock(dir, { role: 'cli' }, { waitMs: 60_000 }), (error: Error) => {
      assert.ok(error instanceof DataDirLockedError);
      assert.match(error.message, /in use by a server \(pid \d+, port 7861\); nothing was changed/);
      assert.match(error.message, /curl -s localhost:7861\/embed/);
      return true;
    });
    server.release();
    (await acquireDataDirLock(dir, { role: 'server' })).release();
  });

  it('lets an ingest command wait for another one to finish', async () => {
    const dir = freshDir();
    const first = await acquireDataDirLock(dir, { role: 'cli' });
    let waitedFor: number | undefined;
    setTimeout(() => first.release(), 300);
    const second = await acquireDataDirLock(
      dir,
      { role: 'cli' },
      { waitMs: 30_000, onWait: (holder) => (waitedFor = holder?.pid) },
    );
    assert.equal(waitedFor, process.pid);
    second.release();
  });

  it('gives up after the bounded wait', async () => {
    const dir = freshDir();
    const first = await acquireDataDirLock(dir, { role: 'cli' });
    await assert.rejects(acquireDataDirLock(dir, { role: 'cli' }, { waitMs: 300 }), DataDirLockedError);
    first.release();
  });

  /**
   * A child process that takes the server lock of `dir` (dropping its handle), runs `then`, prints
   * `ready` and stays alive; resolves once it printed.
   */
  async function lockHolder(dir: string, then = '', nodeArgs: string[] = []): Promise<ChildProcess> {
    const lockModule = path.resolve(import.meta.dirname, '../../src/data-dir-lock.ts');
    const holder = spawn(
      process.execPath,
      [
        ...nodeArgs,
        '--input-type=module',
        '-e',
        `import { acquireDataDirLock } from ${JSON.stringify(lockModule)};
         await acquireDataDirLock(${JSON.stringify(dir)}, { role: 'server' });
         ${then}
         console.log('ready');
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [line] = (await once(holder.stdout, 'data')) as [Buffer];
    assert.equal(line.toString().trim(), 'ready');
    return holder;
  }

  async function kill(holder: ChildProcess): Promise<void> {
    holder.kill('SIGKILL');
    if (holder.exitCode === null && holder.signalCode === null) await once(holder, 'exit');
  }

  it('takes over the lock of a process that died without releasing it', { timeout: 60_000 }, async () => {
    const dir = freshDir();
    const holder = await lockHolder(dir);
    await assert.rejects(acquireDataDirLock(dir, { role: 'cli' }), DataDirLockedError);
    await kill(holder);
    (await acquireDataDirLock(dir, { role: 'server' })).release();
  });

  it('keeps the lock when its holder drops every reference to it and the garbage collector runs', {
    timeout: 60_000,
  }, async () => {
    const dir = freshDir();
    const collect =
      'for (let i = 0; i < 5; i += 1) { globalThis.gc(); await new Promise((r) => setTimeout(r, 20)); }';
    const holder = await lockHolder(dir, collect, ['--expose-gc']);
    try {
      await assert.rejects(acquireDataDirLock(dir, { role: 'cli' }), DataDirLockedError);
    } finally {
      await kill(holder);
    }
  });
});

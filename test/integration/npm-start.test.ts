import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { postJson } from '../helpers/http.ts';
import {
  exitWithin,
  goneWithin,
  killGroup,
  type NpmProcess,
  runNpm,
  untilListening,
} from '../helpers/npm-process.ts';

interface Listed {
  source: string;
  url: string | null;
  origin: string;
  updated_at: string;
}

const getJson = async (url: string): Promise<unknown> => (await fetch(url)).json();

const listDocuments = async (url: string): Promise<Listed[]> =>
  ((await getJson(`${url}/documents`)) as { documents: Listed[] }).documents;

/** Real `npm start` processes on a temp DATA_DIR: the lock, origins and stopping by signal. */
describe('npm start as a process', { timeout: 240_000 }, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-start-'));
  const dataDir = path.join(root, 'data');
  const started: NpmProcess[] = [];
  const start = (env: Record<string, string> = {}, script = 'start', args: string[] = []) => {
    const npm = runNpm(script, { DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', ...env }, args);
    started.push(npm);
    return npm;
  };
  after(() => {
    for (const npm of started) killGroup(npm);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('keeps documents sent to /embed across restarts and gives DOCS_DIR pages live links', async () => {
    const first = start();
    const { url } = await untilListening(first);
    const embed = await postJson(`${url}/embed`, { source: 'notes/api.md', text: '# Note\n\nSent as text.' });
    assert.equal(embed.status, 200);
    first.child.kill('SIGTERM');
    assert.equal(await exitWithin(first, 30_000), 0);

    const second = start();
    const restarted = await untilListening(second);
    const documents = await listDocuments(restarted.url);
    assert.equal(documents.find((doc) => doc.source === 'notes/api.md')?.origin, 'api');
    const store = documents.find((doc) => doc.source === 'api/Store.md');
    assert.equal(store?.origin, 'docs');
    assert.equal(store?.url, 'https://redux.js.org/api/store');
    const health = (await getJson(`${restarted.url}/health`)) as { links: boolean };
    assert.equal(health.links, true);
    second.child.kill('SIGTERM');
    await exitWithin(second, 30_000);
  });

  it('refuses a second server on the same DATA_DIR, even on another port, and changes nothing', async (t) => {
    const first = start();
    const { url } = await untilListening(first);
    t.after(() => first.child.kill('SIGTERM'));
    const before = await listDocuments(url);
    // An empty DOCS_DIR: had its start-up sync run, it would have pruned every docs page.
    const emptyDocs = fs.mkdtempSync(path.join(root, 'empty-'));
    const second = start({ DOCS_DIR: emptyDocs, PORT: '0' });
    const code = await exitWithin(second, 60_000);
    assert.notEqual(code, 0);
    const lines = second.output().trim().split('\n');
    assert.equal(lines.length, 1, second.output());
    assert.match(lines[0] ?? '', /is in use by a server \(pid \d+\); nothing was changed/);
    assert.deepEqual(await listDocuments(url), before);

    const cli = start({}, 'ingest', ['--wait', '5']);
    assert.equal(await exitWithin(cli, 60_000), 1);
    assert.match(cli.output(), /in use by a server .*\/embed/s);
    first.child.kill('SIGTERM');
    assert.equal(await exitWithin(first, 30_000), 0);
  });

  it('gives documents the same URLs whether the CLI or the server ingested them', async () => {
    const serverData = path.join(root, 'server-data');
    const server = start({ DATA_DIR: serverData, SYNC_ON_START: 'true' });
    const { url } = await untilListening(server);
    const byServer = (await listDocuments(url)).map((doc) => [doc.source, doc.url, doc.origin]);
    server.child.kill('SIGTERM');
    await exitWithin(server, 30_000);

    const cliData = path.join(root, 'cli-data');
    const cli = start({ DATA_DIR: cliData }, 'ingest', ['examples/docusaurus/docs']);
    assert.equal(await exitWithin(cli, 60_000), 0, cli.output());
    // A folder inside DOCS_DIR keeps the sources (and so the URLs) the server gives its pages.
    const part = start({ DATA_DIR: cliData }, 'ingest', ['examples/docusaurus/docs/api']);
    assert.equal(await exitWithin(part, 60_000), 0, part.output());
    assert.match(part.output(), /ingested 2 documents .*: 0 changed/);

    const afterCli = start({ DATA_DIR: cliData, SYNC_ON_START: 'true' });
    const restarted = await untilListening(afterCli);
    assert.match(afterCli.output(), /"documents":13,"chunks":0,"unchanged":13/);
    const byCli = (await listDocuments(restarted.url)).map((doc) => [doc.source, doc.url, doc.origin]);
    assert.deepEqual(byCli, byServer);
    assert.ok(byCli.every(([, link]) => link?.startsWith('https://redux.js.org/')));
    afterCli.child.kill('SIGTERM');
    await exitWithin(afterCli, 30_000);
  });

  for (const [target, signal] of [
    ['npm', 'SIGTERM'],
    ['npm', 'SIGINT'],
    ['group', 'SIGTERM'],
    ['group', 'SIGINT'],
  ] as const) {
    it(`stops the node server when ${signal} goes to the ${target === 'npm' ? 'npm process' : 'process group'}`, async () => {
      const npm = start({ SYNC_ON_START: 'false' });
      const { pid } = await untilListening(npm);
      const npmPid = npm.child.pid ?? 0;
      process.kill(target === 'npm' ? npmPid : -npmPid, signal);
      await exitWithin(npm, 30_000);
      assert.ok(await goneWithin(pid, 15_000), `node server ${pid} still running:\n${npm.output()}`);
    });
  }
});

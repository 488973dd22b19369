import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { listMarkdownFiles } from '../../../src/ingest/markdown-files.ts';

let base = '';
let docs = '';

before(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'markdown-files-'));
  docs = path.join(base, 'docs');
  const files = [
    'intro.md',
    'b/page.mdx',
    'a/Z.md',
    'a/notes.txt',
    'a/_partial.mdx',
    '_drafts/x.md',
    '.hidden/y.md',
    'node_modules/pkg/README.md',
  ];
  for (const file of files) {
    await mkdir(path.dirname(path.join(docs, file)), { recursive: true });
    await writeFile(path.join(docs, file), '# x');
  }
  await mkdir(path.join(base, 'outside'));
  await writeFile(path.join(base, 'outside', 'secret.md'), '# secret');
  await symlink(path.join(base, 'outside'), path.join(docs, 'escape'));
  await symlink(path.join(base, 'outside', 'secret.md'), path.join(docs, 'secret-link.md'));
  await symlink(path.join(docs, 'b'), path.join(docs, 'b-again'));
  await symlink(docs, path.join(docs, 'b', 'loop'));
});

after(async () => {
  await rm(base, { recursive: true, force: true });
});

test('lists .md and .mdx files as sorted POSIX paths, skipping partials, dot dirs and node_modules', async () => {
  assert.deepEqual(await listMarkdownFiles(docs), ['a/Z.md', 'b-again/page.mdx', 'b/page.mdx', 'intro.md']);
});

test('symlinks that lead outside the directory are not followed', async () => {
  const files = await listMarkdownFiles(docs);
  assert.ok(!files.some((file) => file.includes('secret')));
});

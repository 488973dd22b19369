import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { AppError } from '../../../src/errors.ts';
import { resolveDocsPath } from '../../../src/ingest/docs-path.ts';

function makeTree(): { root: string; docs: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-path-'));
  const docs = path.join(root, 'docs');
  fs.mkdirSync(path.join(docs, 'guide'), { recursive: true });
  fs.writeFileSync(path.join(docs, 'guide', 'intro.md'), '# Intro\n');
  fs.writeFileSync(path.join(docs, 'notes.txt'), 'not markdown');
  fs.writeFileSync(path.join(root, 'secret.md'), '# Secret\n');
  fs.symlinkSync(path.join(root, 'secret.md'), path.join(docs, 'escape.md'));
  fs.symlinkSync(root, path.join(docs, 'outside-dir'));
  fs.symlinkSync(path.join(docs, 'guide'), path.join(docs, 'alias'));
  return { root, docs };
}

const rejects = async (docs: string, requested: string, status: number) => {
  await assert.rejects(resolveDocsPath(docs, requested), (error: unknown) => {
    assert.ok(error instanceof AppError, `expected AppError for ${requested}`);
    assert.equal(error.status, status, `status for ${JSON.stringify(requested)}`);
    return true;
  });
};

describe('resolveDocsPath', () => {
  const { root, docs } = makeTree();
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('resolves a directory and a Markdown file relative to DOCS_DIR', async () => {
    assert.deepEqual(await resolveDocsPath(docs, 'guide'), {
      absolute: fs.realpathSync(path.join(docs, 'guide')),
      relative: 'guide',
      isDirectory: true,
    });
    const file = await resolveDocsPath(docs, './guide/intro.md');
    assert.equal(file.relative, 'guide/intro.md');
    assert.equal(file.isDirectory, false);
  });

  it('treats an empty path as DOCS_DIR itself', async () => {
    const whole = await resolveDocsPath(docs, '');
    assert.equal(whole.relative, '');
    assert.equal(whole.isDirectory, true);
  });

  it('refuses absolute paths and drive letters with 400', async () => {
    await rejects(docs, '/etc/passwd', 400);
    await rejects(docs, 'C:\\Windows\\win.ini', 400);
  });

  it('refuses .. escapes, also hidden inside the path and with backslashes', async () => {
    await rejects(docs, '..', 400);
    await rejects(docs, '../secret.md', 400);
    await rejects(docs, 'guide/../../secret.md', 400);
    await rejects(docs, 'guide\\..\\..\\secret.md', 400);
  });

  it('refuses symlinks whose target is outside DOCS_DIR', async () => {
    await rejects(docs, 'escape.md', 400);
    await rejects(docs, 'outside-dir/secret.md', 400);
  });

  it('follows symlinks that stay inside DOCS_DIR', async () => {
    const aliased = await resolveDocsPath(docs, 'alias/intro.md');
    assert.equal(aliased.relative, 'guide/intro.md');
  });

  it('refuses files that are not Markdown with 400 and missing paths with 404', async () => {
    await rejects(docs, 'notes.txt', 400);
    await rejects(docs, 'guide/missing.md', 404);
  });

  it('refuses NUL bytes with 400', async () => {
    await rejects(docs, 'guide/intro.md\0.txt', 400);
  });
});

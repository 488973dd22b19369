import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { listMarkdownFiles } from '../../../src/ingest/markdown-files.ts';
import { prepareDocument } from '../../../src/ingest/prepare-document.ts';
import { fencesBalanced } from './fence-check.ts';

// The shared corpora live outside the repository; the sweep runs only where they exist.
const CORPORA = path.resolve(import.meta.dirname, '../../../../shared/corpora');
const HARD_MAX = 2500;

/** A chunk may exceed the hard max only when it is one code block holding a single over-long line. */
function isSingleGiantCodeLine(text: string): boolean {
  const lines = text.split('\n');
  return (
    /^(`{3,}|~{3,})/.test(lines[0] ?? '') && lines.length === 3 && (lines[1]?.length ?? 0) > HARD_MAX / 2
  );
}

/** The chunk without its fenced code (code may legitimately contain imports). */
function proseOf(text: string): string {
  return text.replace(/^(`{3,}|~{3,}).*\n[\s\S]*?^\1\s*$/gm, '');
}

const corpora = existsSync(CORPORA)
  ? readdirSync(CORPORA).filter((name) => existsSync(path.join(CORPORA, name, 'docs')))
  : [];

test('every chunk of every corpus page has balanced fences and stays within the hard max', async (t) => {
  if (corpora.length === 0) {
    t.skip(`no corpora at ${CORPORA}`);
    return;
  }
  for (const corpus of corpora) {
    const dir = path.join(CORPORA, corpus, 'docs');
    const files = await listMarkdownFiles(dir);
    assert.ok(files.length > 0, `${corpus} has pages`);
    for (const source of files) {
      const doc = prepareDocument({ source, text: readFileSync(path.join(dir, source), 'utf8') });
      for (const chunk of doc.chunks) {
        const where = `${corpus}/${source} chunk ${chunk.index}`;
        assert.ok(fencesBalanced(chunk.text), `${where}: unbalanced fence`);
        assert.ok(
          chunk.text.length <= HARD_MAX || isSingleGiantCodeLine(chunk.text),
          `${where}: ${chunk.text.length} chars`,
        );
        assert.ok(chunk.text.trim().length > 0, `${where}: empty chunk`);
        assert.doesNotMatch(
          proseOf(chunk.text),
          /^(?:import|export) .* from ['"]/m,
          `${where}: MDX import left`,
        );
      }
    }
  }
});

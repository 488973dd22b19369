import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

/** A throwaway DOCS_DIR + DATA_DIR holding real fixture pages; `remove()` deletes both. */
export interface FixtureBook {
  root: string;
  docsDir: string;
  dataDir: string;
  /** Writes (or overwrites) a page under DOCS_DIR. */
  write(source: string, text: string): void;
  remove(): void;
}

/** Copies the licensed fixture pages into a temp book: api/compose.md, faq/CodeStructure.md, … */
export function createFixtureBook(): FixtureBook {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'book-'));
  const docsDir = path.join(root, 'docs');
  const dataDir = path.join(root, 'data');
  const copy = (from: string, to: string) => {
    fs.mkdirSync(path.dirname(path.join(docsDir, to)), { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, from), path.join(docsDir, to));
  };
  copy('redux-docs/pages/compose.md', 'api/compose.md');
  copy('redux-docs/pages/CodeStructure.md', 'faq/CodeStructure.md');
  copy('redux-docs/pages/part-1-overview.md', 'tutorials/fundamentals/part-1-overview.md');
  copy('testing-library-docs/pages/api-within.mdx', 'dom-testing-library/api-within.mdx');
  return {
    root,
    docsDir,
    dataDir,
    write(source, text) {
      fs.mkdirSync(path.dirname(path.join(docsDir, source)), { recursive: true });
      fs.writeFileSync(path.join(docsDir, source), text);
    },
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

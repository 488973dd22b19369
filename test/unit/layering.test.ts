import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

/**
 * The layering of src/ (design/architecture.md), checked on the real import statements:
 * domain/ is the ground floor; adapters (stores/, providers/) and services (ingest/, retrieval/,
 * answer/) stand on it and never on each other; http/ frames services; only the composition root
 * (deps.ts, with deps-openai.ts which it loads only when OpenAI is configured) and the process
 * entries (main.ts, server.ts, cli/) see the adapters.
 */
const SRC = path.resolve(import.meta.dirname, '../../src');

/** Base files every floor may use: error values and the retry helper. */
const BASE = new Set(['errors.ts', 'retry.ts']);
const ADAPTERS = new Set(['stores', 'providers']);
const SERVICES = new Set(['ingest', 'retrieval', 'answer', 'spending']);
const ENTRIES = new Set(['main.ts', 'server.ts', 'cli']);

/** `stores/qdrant` for `stores/qdrant/x.ts`, `ingest` for `ingest/x.ts`, the file name at the top. */
function unitOf(file: string): string {
  const parts = file.split('/');
  if (parts.length === 1) return file;
  return ADAPTERS.has(parts[0] ?? '') && parts.length > 2 ? `${parts[0]}/${parts[1]}` : (parts[0] ?? file);
}

const floorOf = (file: string): string => file.split('/')[0] ?? file;

/** Why `from` may not import `to` (both relative to src/), or null when it may. */
function layeringViolation(from: string, to: string): string | null {
  const fromUnit = unitOf(from);
  const toUnit = unitOf(to);
  const fromFloor = floorOf(from);
  const toFloor = floorOf(to);
  if (fromUnit === toUnit) return null;
  // main.ts only turns on the compile cache and starts server.ts.
  if (ENTRIES.has(toFloor) && !(from === 'main.ts' && to === 'server.ts')) {
    return 'process entries are imported by nothing';
  }
  if (fromFloor === 'domain') return 'domain/ imports nothing of the project';
  const groundOnly = ADAPTERS.has(fromFloor) || SERVICES.has(fromFloor);
  if (groundOnly && toFloor !== 'domain' && !BASE.has(to)) {
    return `${ADAPTERS.has(fromFloor) ? 'adapters' : 'services'} import only domain/, their own folder, errors.ts and retry.ts`;
  }
  const COMPOSITION = new Set(['deps.ts', 'deps-openai.ts']);
  const composes = COMPOSITION.has(from) || ENTRIES.has(fromFloor);
  if (ADAPTERS.has(toFloor) && !composes) return 'only deps.ts and the process entries see the adapters';
  if (COMPOSITION.has(to) && !composes) return 'only the process entries build the dependencies';
  return null;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .flatMap((entry) =>
      entry.isFile() && entry.name.endsWith('.ts')
        ? [path.relative(SRC, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')]
        : [],
    );
}

/** Relative import specifiers of one file (static imports, re-exports and dynamic imports). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(SRC, file), 'utf8');
  const specifiers: string[] = [];
  for (const line of text.split('\n')) {
    const match =
      /^\s*(?:import|export)\b.*?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]/.exec(line);
    const specifier = match?.[1] ?? match?.[2];
    if (specifier) specifiers.push(specifier);
  }
  return specifiers;
}

const multiLineImports = (file: string): string[] => {
  // `import {\n a,\n b\n} from './x.ts'`: the specifier sits on the closing line.
  const text = fs.readFileSync(path.join(SRC, file), 'utf8');
  return [...text.matchAll(/^\} from ['"](\.{1,2}\/[^'"]+)['"]/gm)].map((match) => match[1] ?? '');
};

describe('layering of src/', () => {
  const files = sourceFiles(SRC);
  const edges = files.flatMap((file) =>
    [...importsOf(file), ...multiLineImports(file)].map((specifier) => ({
      from: file,
      to: path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)),
    })),
  );

  it('reads the imports of every source file', () => {
    assert.ok(files.length > 50, `only ${files.length} files found`);
    assert.ok(edges.some((edge) => edge.from === 'deps.ts' && edge.to === 'stores/qdrant/qdrant-store.ts'));
    assert.ok(
      edges.some((edge) => edge.from === 'stores/qdrant/qdrant-store.ts' && edge.to === 'domain/store.ts'),
    );
  });

  it('has no import that runs back up the layers', () => {
    const violations = edges.flatMap(({ from, to }) => {
      const reason = layeringViolation(from, to);
      return reason ? [`${from} → ${to}: ${reason}`] : [];
    });
    assert.deepEqual(violations, []);
  });

  it('would catch each kind of upward import', () => {
    assert.match(layeringViolation('domain/store.ts', 'ingest/sections.ts') ?? '', /domain/);
    assert.match(
      layeringViolation('stores/qdrant/payload.ts', 'ingest/prepare-document.ts') ?? '',
      /adapters/,
    );
    assert.match(layeringViolation('stores/qdrant/payload.ts', 'stores/embedded/meta.ts') ?? '', /adapters/);
    assert.match(layeringViolation('providers/openai/client.ts', 'config.ts') ?? '', /adapters/);
    assert.match(layeringViolation('answer/history.ts', 'http/sse.ts') ?? '', /services/);
    assert.match(layeringViolation('retrieval/x.ts', 'providers/openai/embedder.ts') ?? '', /services/);
    assert.match(
      layeringViolation('http/routes/chat.ts', 'stores/embedded/embedded-store.ts') ?? '',
      /deps\.ts/,
    );
    assert.match(layeringViolation('app.ts', 'main.ts') ?? '', /process entries/);
    assert.equal(layeringViolation('stores/qdrant/collection.ts', 'errors.ts'), null);
    assert.equal(layeringViolation('http/routes/search.ts', 'answer/cite-sources.ts'), null);
  });
});

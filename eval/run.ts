/**
 * Retrieval and answer evaluation of one corpus, ours vs the LangChain BM25 baseline.
 * Usage: npm run eval -- <corpusDocsDir> <questions.jsonl> [--json out.json] [--no-answers] [--use-providers] [--test-embeddings] [--show-misses]
 *          [--min-file-recall5 X] [--min-passage-recall5 Y] [--min-mrr Z]
 * Exits 1 when a given minimum is not met, 2 on bad usage; 0 (with a message) when the corpus
 * folder is absent and CI is not set.
 */
import { parseArgs } from 'node:util';
import { startOpenAITestServer } from '../test/helpers/openai-test-server.ts';
import { runCorpus } from './run-corpus.ts';

const USAGE =
  'usage: npm run eval -- <corpusDocsDir> <questions.jsonl> [--json out.json] [--no-answers] [--use-providers] [--test-embeddings] [--show-misses] ' +
  '[--min-file-recall5 X] [--min-passage-recall5 Y] [--min-mrr Z]';

function fraction(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 1)
    throw new Error(`${flag} must be a number in 0..1`);
  return number;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'string' },
      'no-answers': { type: 'boolean', default: false },
      'use-providers': { type: 'boolean', default: false },
      'show-misses': { type: 'boolean', default: false },
      'test-embeddings': { type: 'boolean', default: false },
      'min-file-recall5': { type: 'string' },
      'min-passage-recall5': { type: 'string' },
      'min-mrr': { type: 'string' },
    },
  });
  const [docsDir, questionsPath] = positionals;
  if (!docsDir || !questionsPath || positionals.length > 2) {
    console.error(USAGE);
    return 2;
  }
  // Hybrid retrieval with the OpenAI-compatible test server's deterministic (hashed bag-of-words)
  // embeddings: checks that fusing a vector ranking never costs the lexical path quality.
  const embeddings = values['test-embeddings']
    ? await startOpenAITestServer({ defaultDimensions: 256 })
    : null;
  if (embeddings) {
    Object.assign(process.env, {
      OPENAI_BASE_URL: embeddings.baseURL,
      OPENAI_API_KEY: 'test-embeddings',
      EMBEDDING_MODEL: 'hashed-bag-of-words',
    });
  }
  const outcome = await runCorpus({
    docsDir,
    questionsPath,
    jsonPath: values.json,
    skipAnswers: values['no-answers'] || embeddings !== null,
    useProviders: values['use-providers'] || embeddings !== null,
    showMisses: values['show-misses'],
    thresholds: {
      fileRecall5: fraction(values['min-file-recall5'], '--min-file-recall5'),
      passageRecall5: fraction(values['min-passage-recall5'], '--min-passage-recall5'),
      mrr: fraction(values['min-mrr'], '--min-mrr'),
    },
  });
  await embeddings?.close();
  // In CI a missing corpus is a broken setup, not a reason to pass silently.
  if (outcome === 'skipped') return process.env.CI ? 1 : 0;
  return outcome === 'failed' ? 1 : 0;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  return 2;
});

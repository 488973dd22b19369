import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluationEnv } from '../../../eval/service-client.ts';

const shell = {
  OPENAI_API_KEY: 'sk-x',
  QDRANT_URL: 'http://q:6333',
  QDRANT_COLLECTION: 'textbook',
  PATH: '/bin',
};

test('an evaluation uses the embedded default unless providers are asked for', () => {
  const env = evaluationEnv(shell, '/tmp/d', '/docs', false);
  assert.equal(env.OPENAI_API_KEY, undefined);
  assert.equal(env.QDRANT_URL, undefined);
  assert.equal(env.PATH, '/bin');
});

test('with providers, Qdrant gets its own collection instead of the configured one', () => {
  const env = evaluationEnv(shell, '/tmp/d', '/docs', true);
  assert.equal(env.OPENAI_API_KEY, 'sk-x');
  assert.match(env.QDRANT_COLLECTION ?? '', /^eval-\d+$/);
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { openAIEmbedderOf, openAIGeneratorOf } from '../../src/deps-openai.ts';
import type { GenerationPart } from '../../src/domain/generator.ts';

// Spends a few tokens against the real OpenAI API; runs only with a real key and endpoint.
const baseURL = process.env.OPENAI_BASE_URL ?? '';
const skip = !process.env.OPENAI_API_KEY
  ? 'OPENAI_API_KEY is not set'
  : /localhost|127\.0\.0\.1|\[::1\]/.test(baseURL)
    ? 'OPENAI_BASE_URL points at a local server, not OpenAI'
    : false;

describe('OpenAI live', () => {
  const liveConfig = () => loadConfig({ ...process.env, MAX_TOKENS: '40', OPENAI_MAX_RETRIES: '1' });

  it('embeds two texts with the configured model', { skip }, async () => {
    const vectors = await openAIEmbedderOf(liveConfig()).embed(['hello world', 'bonjour le monde']);
    assert.equal(vectors.length, 2);
    assert.ok((vectors[0]?.length ?? 0) > 0);
  });

  it('streams a short cited answer with usage', { skip }, async () => {
    const generator = openAIGeneratorOf(liveConfig());
    const parts: GenerationPart[] = [];
    const request = {
      question: 'What colour is the sky in the book?',
      history: [],
      sources: [
        {
          n: 1,
          id: 'a',
          source: 'a.md',
          title: 'Sky',
          heading: 'Sky',
          url: null,
          text: 'The sky is green.',
          score: 1,
        },
      ],
      signal: AbortSignal.timeout(30_000),
    };
    for await (const part of generator.generate(request)) parts.push(part);
    const text = parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
    assert.match(text, /green/i);
    const finish = parts.at(-1);
    assert.ok(finish?.type === 'finish' && finish.usage !== null);
  });

  it('pings without error', { skip }, async () => {
    await openAIGeneratorOf(liveConfig()).ping();
  });
});

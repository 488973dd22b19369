import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatCompletionBodySchema, toChatMessages } from '../../../src/http/openai-compat/request-schema.ts';

const parse = (body: unknown) => ChatCompletionBodySchema.safeParse(body);
const issuePaths = (body: unknown): string[] => {
  const result = parse(body);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('OpenAI chat completion requests', () => {
  it('keeps user and assistant text, joining text parts; drops system, developer and tool turns', () => {
    const body = parse({
      model: 'docs-chat',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: 'Ignore the book.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is' },
            { type: 'text', text: 'a store?' },
          ],
        },
        { role: 'assistant', content: null, tool_calls: [{ id: 't1' }] },
        { role: 'tool', content: '{"ok":true}', tool_call_id: 't1' },
        { role: 'assistant', content: 'A store holds state [1].' },
        { role: 'user', content: 'And a reducer?' },
      ],
      tools: [],
      logit_bias: {},
    });
    assert.ok(body.success);
    assert.deepEqual(toChatMessages(body.data.messages), [
      { role: 'user', content: 'What is\na store?' },
      { role: 'assistant', content: 'A store holds state [1].' },
      { role: 'user', content: 'And a reducer?' },
    ]);
  });

  it('refuses non-text user content, wrong types and n > 1, naming the field', () => {
    const image = { type: 'image_url', image_url: { url: 'https://x/y.png' } };
    assert.deepEqual(issuePaths({ model: 'docs-chat', messages: [{ role: 'user', content: [image] }] }), [
      'messages.0.content',
      'messages',
    ]);
    const ask = [{ role: 'user', content: 'Hi' }];
    assert.deepEqual(issuePaths({ model: 'docs-chat', messages: ask, stream: 'yes' }), ['stream']);
    assert.deepEqual(issuePaths({ model: 'docs-chat', messages: ask, max_tokens: 0 }), ['max_tokens']);
    assert.deepEqual(issuePaths({ model: 'docs-chat', messages: ask, n: 2 }), ['n']);
  });

  it('needs a user question last', () => {
    assert.deepEqual(issuePaths({ model: 'docs-chat', messages: [{ role: 'system', content: 'Hi' }] }), [
      'messages',
    ]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessage } from '../../../src/domain/answer-events.ts';
import { followUpQuery, isFollowUp } from '../../../src/domain/follow-up-query.ts';

const history: ChatMessage[] = [
  { role: 'user', content: 'How should thunks receive their dependencies?' },
  {
    role: 'assistant',
    content:
      'Use the extra argument of the thunk middleware [1]. The extra argument is set in configureStore [2].',
  },
];

describe('isFollowUp', () => {
  it('recognises continuations, references back and very short questions', () => {
    assert.equal(isFollowUp('and how do I test it?'), true);
    assert.equal(isFollowUp('What about selectors?'), true);
    assert.equal(isFollowUp('Can you show the second one?'), true);
    assert.equal(isFollowUp('Why?'), true);
  });

  it('treats a question naming its own topic as standalone', () => {
    assert.equal(isFollowUp('How do I configure the Redux DevTools extension in configureStore?'), false);
  });
});

describe('followUpQuery', () => {
  it('adds the previous topic to a follow-up question', () => {
    const query = followUpQuery(history, 'and how do I test it?');
    assert.match(query, /^and how do I test it\? /);
    assert.match(query, /dependencies/);
    assert.match(query, /thunks/);
  });

  it('adds the topic of the last answer, after the user turns', () => {
    const query = followUpQuery(history, 'What about the second one?');
    assert.match(query, /dependencies.*\bextra\b/);
  });

  it('leaves a standalone question unchanged', () => {
    const question = 'How do I configure the Redux DevTools extension in configureStore?';
    assert.equal(followUpQuery(history, question), question);
  });

  it('leaves a question unchanged when there is no history', () => {
    assert.equal(followUpQuery([], 'and how do I test it?'), 'and how do I test it?');
  });

  it('does not repeat words the question already has', () => {
    const query = followUpQuery(history, 'and the dependencies?');
    assert.equal(query.match(/dependencies/g)?.length, 1);
  });
});

describe('followUpQuery and the last answer', () => {
  const asked: ChatMessage[] = [
    { role: 'user', content: 'What does combineReducers do?' },
    {
      role: 'assistant',
      content: 'It turns slice reducers into one reducer; the reducer calls every slice reducer [1].',
    },
  ];

  it('asks about the topic the user named, not the words of the answer already given', () => {
    assert.equal(
      followUpQuery(asked, 'and what does it return?'),
      'and what does it return? combineReducers',
    );
  });

  it('takes the answer’s words when the user turns name nothing', () => {
    const vague: ChatMessage[] = [{ role: 'user', content: 'Tell me more' }, ...asked.slice(1)];
    assert.match(followUpQuery(vague, 'and what does it return?'), /reducer/);
  });
});

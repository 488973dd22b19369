import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CitedSource } from '../../../src/domain/answer-events.ts';
import type { GenerationRequest } from '../../../src/domain/generator.ts';
import { createExtractiveGenerator } from '../../../src/providers/extractive/extractive-generator.ts';

const source = (n: number, heading: string, text: string): CitedSource => ({
  n,
  id: `c${n}`,
  source: `page-${n}.md`,
  title: heading.split(' > ')[0] ?? '',
  heading,
  url: null,
  text,
  score: 10 - n,
});

async function answer(question: string, sources: CitedSource[], extra: Partial<GenerationRequest> = {}) {
  let text = '';
  let finish = '';
  const request = { question, history: [], sources, signal: new AbortController().signal, ...extra };
  for await (const part of createExtractiveGenerator().generate(request)) {
    if (part.type === 'text-delta') text += part.text;
    else finish = part.finishReason;
  }
  return { text, finish };
}

const API_PAGE = [
  source(
    1,
    'combineReducers > combineReducers(reducers) > Overview',
    'The `combineReducers` helper function turns an object whose values are different slice reducers into a single combined reducer.\n\nThe resulting reducer calls every slice reducer and gathers their results into a single state object.',
  ),
  source(
    2,
    'combineReducers > combineReducers(reducers) > Arguments > Returns',
    '(_Function_): A reducer that invokes every reducer inside the `reducers` object, and constructs a state object with the same shape.',
  ),
  source(3, 'combineReducers > Example', '```js\nexport default combineReducers({ todos, counter })\n```'),
];

describe('answers about a named subject', () => {
  it('open with the defining sentence of the section titled with the asked API', async () => {
    const { text, finish } = await answer('What does combineReducers do?', API_PAGE);
    assert.equal(finish, 'stop');
    assert.match(text, /^The `combineReducers` helper function turns an object/);
  });

  it('answer even when the section names the subject only in its heading', async () => {
    const returns = [API_PAGE[1] as CitedSource, API_PAGE[0] as CitedSource].map((s, i) => ({
      ...s,
      n: i + 1,
    }));
    const history = [
      { role: 'user' as const, content: 'What does combineReducers do?' },
      { role: 'assistant' as const, content: 'The resulting reducer calls every slice reducer [2].' },
    ];
    const { text, finish } = await answer('and what does it return?', returns, { history });
    assert.equal(finish, 'stop');
    assert.match(text, /^\(_Function_\): A reducer that invokes every reducer/);
  });

  it('never quote the previous answer again in a follow-up', async () => {
    const first = await answer('What does combineReducers do?', API_PAGE);
    const history = [
      { role: 'user' as const, content: 'What does combineReducers do?' },
      { role: 'assistant' as const, content: first.text },
    ];
    const again = await answer('What does combineReducers do?', API_PAGE, { history });
    assert.notEqual(again.text, first.text);
    assert.doesNotMatch(again.text, /helper function turns an object/);
  });
});

describe('sentences that do not address the question', () => {
  it('are left out when they only repeat what the quoted section covers', async () => {
    const sources = [
      source(
        1,
        'Three Principles > State is read-only',
        'The only way to change the state is to emit an action, an object describing what happened. This ensures that neither the views nor the network callbacks will ever write directly to the state.',
      ),
      source(
        2,
        'Store > subscribe(listener)',
        'You may call `getState()` inside this callback to read the current state tree.',
      ),
    ];
    const { text } = await answer('Why is state read-only?', sources);
    assert.match(text, /The only way to change the state/);
    assert.doesNotMatch(text, /getState/);
  });
});

describe('no_context', () => {
  it('is said when the question names together what the passages only name apart', async () => {
    const sources = [
      source(
        1,
        'Deployment > Azure',
        'You can deploy the app on Azure with a container. Serverless functions are another option.',
      ),
    ];
    const { finish } = await answer('How do I deploy my app to Azure Functions?', sources);
    assert.equal(finish, 'no_context');
  });

  it('is not said for a list of names that the passages name apart', async () => {
    const sources = [source(1, 'Servers', 'Uvicorn, Hypercorn and Daphne are ASGI servers you can use.')];
    const { finish } = await answer('Uvicorn Hypercorn Daphne', sources);
    assert.equal(finish, 'stop');
  });
});

describe('selected code', () => {
  it('is explained by the page prose around it, not quoted back', async () => {
    const selected = "jest.useFakeTimers();\njest.spyOn(global, 'setTimeout');";
    const page = source(
      2,
      'Timer Mocks > Enable Fake Timers',
      "In the following example we enable fake timers by calling `jest.useFakeTimers()`. This is replacing the original implementation of `setTimeout()` and other timer functions.\n\n```js\nfunction timerGame() {}\n```\n\n```js\njest.useFakeTimers();\njest.spyOn(global, 'setTimeout');\n\ntest('waits', () => {});\n```\n\nThe test then checks the calls.",
    );
    const sources = [{ ...source(1, 'Selection', selected), source: page.source }, page];
    const { text } = await answer('What does this do?', sources, { selection: { text: selected } });
    assert.match(
      text,
      /^In the following example we enable fake timers by calling `jest\.useFakeTimers\(\)`\. This is replacing/,
    );
    assert.match(text, /The test then checks the calls\. \[2\]$/);
    assert.doesNotMatch(text, /spyOn\(global/);
  });
});

describe('general before specific', () => {
  it('opens with the first sentence of the retrieved section that directly encloses the focus', async () => {
    const sources = [
      source(
        1,
        'Extra Models > Union or anyOf > Union in Python 3.10',
        'In this example we pass `Union[PlaneItem, CarItem]` as the value of the argument `response_model`.',
      ),
      source(
        2,
        'Extra Models > Union or anyOf',
        'You can declare a response to be the `Union` of two or more types. It will be defined in OpenAPI with `anyOf`.',
      ),
    ].map((cited) => ({ ...cited, source: 'extra-models.md' }));
    const { text } = await answer(
      'How do I return either a PlaneItem or a CarItem from one endpoint?',
      sources,
    );
    assert.match(text, /^You can declare a response to be the `Union` of two or more types\..*\[2\]/);
    assert.match(text, /Union\[PlaneItem, CarItem\]/);
  });
});

describe('words that count things', () => {
  it('do not pull in passages that only count something else', async () => {
    const sources = [
      source(1, 'Performance', 'Redux is used by several hundred thousand developers with many reducers.'),
      source(
        2,
        'combineReducers > Overview',
        'The `combineReducers` helper function turns slice reducers into one combined reducer.',
      ),
    ];
    const { text } = await answer('How do I combine several reducers?', sources);
    assert.match(text, /^The `combineReducers` helper function/);
  });
});

describe('a named section cut into several passages', () => {
  it('opens with its first passage, whichever ranked first', async () => {
    const heading = 'FAQ > How does Redux compare to the React Context API?';
    const sources = [
      {
        ...source(1, heading, 'There is a key difference in how Redux and Context treat data.'),
        source: 'faq.md',
        index: 7,
      },
      {
        ...source(2, heading, 'Internally, Redux uses the React context API to pass the store along.'),
        source: 'faq.md',
        index: 6,
      },
    ];
    const { text } = await answer("How does Redux compare with React's Context API?", sources);
    assert.match(text, /^Internally, Redux uses the React context API/);
  });
});

describe('selected code shown twice on a page', () => {
  it('is explained where the page shows it whole, not where a similar example is', async () => {
    const selected =
      'const store = configureStore({\n  reducer: {\n    posts: postsReducer,\n    comments: commentsReducer\n  }\n})';
    const similar = source(
      2,
      'combineReducers > Arguments',
      'An object of slice reducers:\n\n```ts\ncombineReducers({\n  posts: postsReducer,\n  comments: commentsReducer\n})\n```',
    );
    const exact = source(
      3,
      'combineReducers > Overview',
      `configureStore will call combineReducers for you if you pass in an object of slice reducers:\n\n\`\`\`ts\n${selected}\n\`\`\``,
    );
    const sources = [source(1, 'Selection', selected), similar, exact].map((cited) => ({
      ...cited,
      source: 'api.md',
    }));
    const { text } = await answer('What does this do?', sources, { selection: { text: selected } });
    assert.match(text, /^configureStore will call combineReducers for you.*\[3\]/);
  });
});

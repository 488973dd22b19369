import type { Source } from './answer-client.ts';
import { domSink, el } from './dom.ts';
import { createMarkdownRenderer } from './markdown.ts';
import type { StoredMessage } from './storage.ts';

/** A reader's question, with the passage it is about when there is one. */
export function userMessageView(message: StoredMessage): HTMLElement {
  const view = el('div', { class: 'msg user' });
  if (message.quote) view.append(el('blockquote', { 'aria-label': 'Selected passage' }, [message.quote]));
  view.append(message.content);
  return view;
}

/** The section path below the page title: "Store > Store Methods > getState()" → "Store Methods > getState()". */
function sectionOf(source: Source): string {
  const prefix = `${source.title} > `;
  return source.heading.startsWith(prefix)
    ? source.heading.slice(prefix.length)
    : source.heading === source.title
      ? ''
      : source.heading;
}

/** Source `n` as a deep link (the page plus `#anchor`), opening in the same tab. */
function sourceItem(source: Source): HTMLElement {
  const section = sectionOf(source);
  const text = [
    el('span', {}, [source.title]),
    ...(section ? [' — ', el('span', { class: 'heading' }, [section])] : []),
  ];
  return el('li', { value: String(source.n) }, [
    source.url ? el('a', { href: source.url }, text) : el('span', {}, text),
  ]);
}

/** An answer: Markdown body with linked `[n]` markers, then its numbered sources. */
export class AnswerView {
  readonly element: HTMLElement;
  readonly #body = el('div', { class: 'body' });
  readonly #sources = el('div', { class: 'sources-block' });
  readonly #footer = el('div', { class: 'footer' });
  #frame = 0;

  constructor() {
    this.element = el('div', { class: 'msg assistant', 'aria-busy': 'false' }, [
      this.#body,
      this.#sources,
      this.#footer,
    ]);
  }

  /** Shows `message` (content, sources); safe to call on every token, it renders once per frame. */
  update(message: StoredMessage, streaming: boolean): void {
    this.element.setAttribute('aria-busy', String(streaming));
    cancelAnimationFrame(this.#frame);
    const render = () => this.#render(message);
    if (streaming) this.#frame = requestAnimationFrame(render);
    else render();
  }

  /** The place for feedback controls under the answer. */
  get footer(): HTMLElement {
    return this.#footer;
  }

  #render(message: StoredMessage): void {
    const sources = message.sources ?? [];
    const byNumber = new Map(sources.map((source) => [source.n, source]));
    const render = createMarkdownRenderer(domSink, {
      citation: (n) => {
        const source = byNumber.get(n);
        return source?.url ? { href: source.url, title: source.title } : null;
      },
    });
    this.#body.replaceChildren(...render(message.content));
    if (message.stopped) this.#body.append(el('p', { class: 'note' }, ['Stopped.']));
    // Once the answer says which sources it cites, list those; while streaming, all of them.
    const citations = new Set(message.citations ?? []);
    const cited = sources.filter(
      (source) => (source.url || source.title) && (citations.size === 0 || citations.has(source.n)),
    );
    this.#sources.replaceChildren(
      ...(cited.length > 0
        ? [
            el('p', { class: 'sources-title' }, ['Sources']),
            el('ol', { class: 'sources', 'aria-label': 'Sources' }, cited.map(sourceItem)),
          ]
        : []),
    );
  }
}

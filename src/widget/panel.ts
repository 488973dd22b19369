import { AnswerError, problemDetail, streamAnswer } from './answer-client.ts';
import { type AnswerRequest, answerRequest } from './answer-request.ts';
import type { WidgetConfig } from './config.ts';
import { el } from './dom.ts';
import { feedbackView } from './feedback-view.ts';
import { AnswerView, userMessageView } from './message-view.ts';
import { buildPanel, type PanelElements } from './panel-view.ts';
import type { PageSelection } from './selection.ts';
import { anonymousUserId, loadConversation, type StoredMessage, saveConversation } from './storage.ts';

/** The chat dialog: conversation, streaming, stop, errors with retry, feedback, focus handling. */
export class ChatPanel {
  readonly #root: ShadowRoot;
  readonly #view: PanelElements;
  readonly #config: WidgetConfig;
  readonly #storageKey: string;
  readonly #userId = anonymousUserId();
  #messages: StoredMessage[];
  #quote: PageSelection | null = null;
  #controller: AbortController | null = null;
  #returnFocus: HTMLElement | null = null;

  constructor(root: ShadowRoot, config: WidgetConfig) {
    this.#root = root;
    this.#config = config;
    this.#storageKey = `docs-chat:conversation:${config.backendUrl}`;
    this.#messages = loadConversation(this.#storageKey);
    this.#view = buildPanel(config, (question) => this.#ask(question));
    root.append(this.#view.launcher, this.#view.dialog);
    this.#wire();
    for (const message of this.#messages) this.#appendMessage(message);
  }

  get isOpen(): boolean {
    return !this.#view.dialog.hidden;
  }

  open(): void {
    const active = document.activeElement;
    if (!this.isOpen)
      this.#returnFocus = active instanceof HTMLElement && active.tagName !== 'DOCS-CHAT' ? active : null;
    this.#view.dialog.hidden = false;
    this.#view.launcher.setAttribute('aria-expanded', 'true');
    this.#view.input.focus();
    this.#scrollToEnd();
  }

  close(): void {
    this.#view.dialog.hidden = true;
    this.#view.launcher.setAttribute('aria-expanded', 'false');
    const target = this.#returnFocus?.isConnected ? this.#returnFocus : this.#view.launcher;
    target.focus();
  }

  /** Opens the panel with `selection` quoted above the composer. */
  askAbout(selection: PageSelection): void {
    this.#quote = selection;
    this.#view.quoteText.textContent = selection.text;
    this.#view.quote.hidden = false;
    this.#view.input.placeholder = 'What would you like to know about this passage?';
    this.open();
  }

  #wire(): void {
    const view = this.#view;
    view.launcher.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));
    view.close.addEventListener('click', () => this.close());
    view.reset.addEventListener('click', () => this.#reset());
    view.stop.addEventListener('click', () => this.#controller?.abort());
    view.dropQuote.addEventListener('click', () => this.#dropQuote());
    view.dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });
    view.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        view.form.requestSubmit();
      }
    });
    view.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#ask(view.input.value);
    });
  }

  #dropQuote(): void {
    this.#quote = null;
    this.#view.quote.hidden = true;
    this.#view.quoteText.textContent = '';
    this.#view.input.placeholder = this.#config.placeholder;
  }

  #reset(): void {
    this.#controller?.abort();
    this.#messages = [];
    this.#save();
    this.#view.intro.hidden = false;
    this.#view.log.replaceChildren(this.#view.intro);
    this.#view.status.replaceChildren();
    this.#view.input.focus();
  }

  #ask(typed: string): void {
    if (this.#controller) return;
    const quote = this.#quote;
    const question = typed.trim() || (quote ? 'Explain this passage.' : '');
    if (!question) return;
    const request = answerRequest(this.#messages, question, quote, this.#userId);
    const message: StoredMessage = {
      role: 'user',
      content: question,
      ...(quote ? { quote: quote.text } : {}),
    };
    this.#messages.push(message);
    this.#appendMessage(message);
    this.#view.input.value = '';
    this.#dropQuote();
    this.#save();
    void this.#answer(request);
  }

  async #answer(request: AnswerRequest): Promise<void> {
    const view = this.#view;
    view.status.replaceChildren();
    const message: StoredMessage = { role: 'assistant', content: '' };
    const answer = new AnswerView();
    view.log.append(answer.element);
    answer.update(message, true);
    this.#scrollToEnd();
    const controller = new AbortController();
    this.#controller = controller;
    this.#setStreaming(true);
    try {
      await streamAnswer(
        `${this.#config.backendUrl}${request.path}`,
        request.body,
        {
          sources: (sources) => {
            message.sources = sources;
            answer.update(message, true);
          },
          token: (text) => {
            const following = this.#isAtEnd();
            message.content += text;
            answer.update(message, true);
            if (following) requestAnimationFrame(() => this.#scrollToEnd());
          },
          done: (done) => {
            if (done.answer) message.content = done.answer;
            message.requestId = done.request_id;
            if (Array.isArray(done.citations)) message.citations = done.citations;
          },
        },
        controller.signal,
      );
      this.#messages.push(message);
    } catch (error) {
      if (controller.signal.aborted) {
        message.stopped = true;
        this.#messages.push(message);
      } else {
        answer.element.remove();
        this.#showError(error instanceof AnswerError ? error.message : 'Something went wrong.', request);
      }
    } finally {
      this.#controller = null;
      this.#setStreaming(false);
      if (answer.element.isConnected) {
        answer.update(message, false);
        this.#addFeedback(answer, message);
      }
      this.#save();
    }
  }

  #showError(detail: string, request: AnswerRequest): void {
    const retry = el('button', { type: 'button', class: 'text-button' }, ['Retry']);
    retry.addEventListener('click', () => {
      this.#view.input.focus();
      void this.#answer(request);
    });
    this.#view.status.replaceChildren(
      el('div', { class: 'error', role: 'alert' }, [el('p', {}, [detail]), retry]),
    );
  }

  #setStreaming(streaming: boolean): void {
    this.#view.send.hidden = streaming;
    this.#view.stop.hidden = !streaming;
    // Focus follows the button that replaces the focused one, so keyboard users are not dropped.
    if (streaming && this.#root.activeElement === this.#view.send) this.#view.stop.focus();
    else if (
      !streaming &&
      (this.#root.activeElement === this.#view.stop || this.#root.activeElement === null) &&
      this.isOpen
    ) {
      this.#view.input.focus();
    }
  }

  #appendMessage(message: StoredMessage): void {
    this.#view.intro.hidden = true;
    if (message.role === 'user') {
      this.#view.log.append(userMessageView(message));
      return;
    }
    const answer = new AnswerView();
    answer.update(message, false);
    this.#view.log.append(answer.element);
    this.#addFeedback(answer, message);
  }

  #addFeedback(answer: AnswerView, message: StoredMessage): void {
    if (!message.requestId) return;
    answer.footer.replaceChildren(
      feedbackView(
        message.requestId,
        message.rating,
        (body) => this.#sendFeedback(body),
        (rating) => {
          message.rating = rating;
          this.#save();
        },
      ),
    );
  }

  async #sendFeedback(body: { request_id: string; rating: 'up' | 'down'; comment?: string }): Promise<void> {
    const response = await fetch(`${this.#config.backendUrl}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).catch(() => {
      throw new AnswerError('Feedback could not be sent: the chat service is unreachable.');
    });
    if (!response.ok) throw new AnswerError(await problemDetail(response));
  }

  /** Whether the reader is at the end of the log (then streaming text keeps it there). */
  #isAtEnd(): boolean {
    const log = this.#view.log;
    return log.scrollHeight - log.scrollTop - log.clientHeight < 48;
  }

  #scrollToEnd(): void {
    this.#view.log.scrollTop = this.#view.log.scrollHeight;
  }

  #save(): void {
    saveConversation(this.#storageKey, this.#messages);
  }
}

import type { WidgetConfig } from './config.ts';
import { el, ICONS, icon } from './dom.ts';

/** The panel's elements, built once; panel.ts gives them behaviour. */
export interface PanelElements {
  launcher: HTMLButtonElement;
  dialog: HTMLElement;
  reset: HTMLButtonElement;
  close: HTMLButtonElement;
  log: HTMLElement;
  intro: HTMLElement;
  status: HTMLElement;
  form: HTMLFormElement;
  quote: HTMLElement;
  quoteText: HTMLElement;
  dropQuote: HTMLButtonElement;
  input: HTMLTextAreaElement;
  send: HTMLButtonElement;
  stop: HTMLButtonElement;
}

/** Builds the launcher and the chat dialog (a labelled dialog holding a live log and a composer). */
export function buildPanel(config: WidgetConfig, onExample: (question: string) => void): PanelElements {
  const launcher = el(
    'button',
    {
      type: 'button',
      class: 'launcher',
      'aria-haspopup': 'dialog',
      'aria-expanded': 'false',
      'aria-controls': 'docs-chat-dialog',
    },
    [icon(ICONS.chat), config.title],
  );
  const reset = el(
    'button',
    {
      type: 'button',
      class: 'icon-button',
      'aria-label': 'Start a new conversation',
      title: 'New conversation',
    },
    [icon(ICONS.reset)],
  );
  const close = el(
    'button',
    { type: 'button', class: 'icon-button', 'aria-label': 'Close chat', title: 'Close' },
    [icon(ICONS.close)],
  );
  const examples = config.examples.map((question) => {
    const button = el('button', { type: 'button', class: 'example' }, [question]);
    button.addEventListener('click', () => onExample(question));
    return button;
  });
  const intro = el('div', { class: 'intro-block' }, [
    el('p', { class: 'intro' }, [
      'Ask a question about these docs, or select a passage on the page and choose “Ask about this”. Answers cite their sources.',
    ]),
    ...(examples.length > 0
      ? [el('div', { class: 'examples', role: 'group', 'aria-label': 'Example questions' }, examples)]
      : []),
  ]);
  const log = el(
    'div',
    { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: '0' },
    [intro],
  );
  const status = el('div', { class: 'status' });
  const quoteText = el('blockquote');
  const dropQuote = el(
    'button',
    { type: 'button', class: 'icon-button', 'aria-label': 'Remove the selected passage' },
    [icon(ICONS.close)],
  );
  const quote = el(
    'div',
    { class: 'quote', hidden: '', role: 'group', 'aria-label': 'Asking about this passage' },
    [quoteText, dropQuote],
  );
  const input = el('textarea', {
    id: 'docs-chat-input',
    rows: '2',
    placeholder: config.placeholder,
    maxlength: '2000',
    'aria-label': 'Your question',
  });
  const send = el('button', { type: 'submit', class: 'send' }, [icon(ICONS.send), 'Send']);
  const stop = el('button', { type: 'button', class: 'stop', hidden: '' }, [icon(ICONS.stop), 'Stop']);
  const form = el('form', { class: 'composer' }, [quote, el('div', { class: 'row' }, [input, send, stop])]);
  const dialog = el(
    'div',
    {
      id: 'docs-chat-dialog',
      class: 'panel',
      role: 'dialog',
      'aria-modal': 'false',
      'aria-labelledby': 'docs-chat-title',
      hidden: '',
    },
    [
      el('header', {}, [el('h2', { id: 'docs-chat-title' }, [config.title]), reset, close]),
      log,
      status,
      form,
    ],
  );
  return {
    launcher,
    dialog,
    reset,
    close,
    log,
    intro,
    status,
    form,
    quote,
    quoteText,
    dropQuote,
    input,
    send,
    stop,
  };
}

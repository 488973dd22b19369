import { el, ICONS, icon } from './dom.ts';

/** Sends one verdict; resolves when the server stored it (201). */
export type SendFeedback = (body: {
  request_id: string;
  rating: 'up' | 'down';
  comment?: string;
}) => Promise<void>;

/**
 * Thumbs up/down under an answer. A thumb is stored at once; an optional comment can follow and
 * replaces the verdict with verdict + comment (the server keeps one record per answer).
 */
export function feedbackView(
  requestId: string,
  initial: 'up' | 'down' | undefined,
  send: SendFeedback,
  onRated: (rating: 'up' | 'down') => void,
): HTMLElement {
  const group = el('div', { class: 'feedback', role: 'group', 'aria-label': 'Rate this answer' });
  const status = el('span', { role: 'status' });
  const thumb = (rating: 'up' | 'down', label: string) =>
    el(
      'button',
      {
        type: 'button',
        class: 'icon-button',
        'aria-label': label,
        'aria-pressed': String(initial === rating),
        'data-rating': rating,
      },
      [icon(rating === 'up' ? ICONS.up : ICONS.down)],
    );
  const up = thumb('up', 'Helpful answer');
  const down = thumb('down', 'Unhelpful answer');
  const comment = el('input', {
    type: 'text',
    maxlength: '2000',
    'aria-label': 'Optional comment on this answer',
    placeholder: 'Add a comment (optional)',
  });
  const form = el('form', { hidden: '' }, [
    comment,
    el('button', { type: 'submit', class: 'text-button' }, ['Send']),
  ]);
  let rating = initial;

  const submit = async (withComment: boolean): Promise<void> => {
    if (!rating) return;
    status.textContent = 'Sending…';
    try {
      const text = comment.value.trim();
      await send({ request_id: requestId, rating, ...(withComment && text ? { comment: text } : {}) });
      status.textContent = withComment ? 'Thanks for the comment.' : 'Thanks for the feedback.';
      if (withComment) form.hidden = true;
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : 'Feedback could not be sent.';
    }
  };
  for (const button of [up, down]) {
    button.addEventListener('click', () => {
      rating = button === up ? 'up' : 'down';
      up.setAttribute('aria-pressed', String(rating === 'up'));
      down.setAttribute('aria-pressed', String(rating === 'down'));
      onRated(rating);
      form.hidden = false;
      void submit(false);
    });
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(true);
  });
  group.append(el('span', {}, ['Helpful?']), up, down, status, form);
  return group;
}

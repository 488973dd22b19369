/** Where the launcher sits. */
export type Position = 'bottom-right' | 'bottom-left';

/** The widget's settings, read from `data-*` attributes of its script tag. */
export interface WidgetConfig {
  /** Base URL of the chat backend (no trailing slash). */
  backendUrl: string;
  title: string;
  /** A CSS colour for buttons and links. */
  accent: string;
  placeholder: string;
  /** Example questions offered in an empty conversation. */
  examples: string[];
  position: Position;
  /** Where select-to-ask listens: selections inside the first matching ancestor count. */
  articleSelector: string;
}

const DEFAULT_ACCENT = '#2e8555';

/** The widget's own script element: `currentScript` while it runs, else the first matching tag. */
export function findOwnScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  return document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
}

/**
 * Reads the configuration. The backend defaults to the origin the script was loaded from, so
 * `<script src="https://chat.example/widget.js">` needs no other attribute.
 */
export function readConfig(script: HTMLScriptElement | null): WidgetConfig {
  const data = script?.dataset ?? {};
  const scriptOrigin = script?.src ? new URL(script.src, location.href).origin : location.origin;
  const backend = (data.backendUrl ?? '').trim() || scriptOrigin;
  const accent = (data.accent ?? '').trim();
  return {
    backendUrl: backend.replace(/\/+$/, ''),
    title: (data.title ?? '').trim() || 'Ask the docs',
    accent: accent && CSS.supports('color', accent) ? accent : DEFAULT_ACCENT,
    placeholder: (data.placeholder ?? '').trim() || 'Ask a question…',
    examples: (data.examples ?? '')
      .split('|')
      .map((question) => question.trim())
      .filter(Boolean)
      .slice(0, 6),
    position: data.position === 'bottom-left' ? 'bottom-left' : 'bottom-right',
    articleSelector: (data.articleSelector ?? '').trim() || 'article, main',
  };
}

import { findOwnScript, readConfig } from './config.ts';
import { ChatPanel } from './panel.ts';
import { watchSelections } from './selection.ts';
import { WIDGET_CSS } from './styles.ts';
import { followTheme } from './theme.ts';

/**
 * Entry of /widget.js. Docusaurus swaps pages without reloading and never re-runs head scripts,
 * but a client module or a second tag could load this file again: a global mark makes every
 * load after the first a no-op, so the widget never attaches twice.
 */
const MARK = Symbol.for('docs-chat-widget');
const globals = window as unknown as Record<symbol, unknown>;

function start(script: HTMLScriptElement | null): void {
  const config = readConfig(script);
  const host = document.createElement('docs-chat');
  host.setAttribute('data-position', config.position);
  host.style.setProperty('--accent', config.accent);
  const root = host.attachShadow({ mode: 'open' });
  if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    // Older browsers: a <style> element (a strict CSP without 'unsafe-inline' would block it).
    root.append(Object.assign(document.createElement('style'), { textContent: WIDGET_CSS }));
  }
  followTheme(host);
  const panel = new ChatPanel(root, config);
  watchSelections(root, config.articleSelector, (selection) => panel.askAbout(selection));
  document.body.append(host);
  // A site that re-renders <body> wholesale would drop the host; put it back, state intact.
  new MutationObserver(() => {
    if (!host.isConnected) document.body.append(host);
  }).observe(document.body, { childList: true });
}

if (!globals[MARK]) {
  globals[MARK] = true;
  // currentScript is only set while this file runs, so read it before waiting for the DOM.
  const script = findOwnScript();
  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', () => start(script), { once: true });
  else start(script);
}

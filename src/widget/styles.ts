/**
 * The widget's CSS, adopted by its shadow root (a constructed stylesheet, so pages with a strict
 * Content-Security-Policy need no 'unsafe-inline'). Nothing here reaches the book, and the
 * book's CSS does not reach in: only inherited properties like font cross the boundary, and
 * `all: initial` on the host resets those.
 */
export const WIDGET_CSS = `
:host { all: initial; --accent: #2e8555; --bg: #ffffff; --fg: #1c1e21; --muted: #606770; --line: #dadde1;
  --soft: #f2f4f7; --code-bg: #f6f8fa; --danger: #b3261e; color-scheme: light;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); }
:host([data-theme="dark"]) { --bg: #1b1b1d; --fg: #e3e3e3; --muted: #a0a3a8; --line: #3a3b3f; --soft: #26272b;
  --code-bg: #2b2d31; --danger: #ff8a80; color-scheme: dark; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
button { font: inherit; color: inherit; cursor: pointer; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
svg { width: 20px; height: 20px; fill: currentColor; flex: none; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.launcher { position: fixed; bottom: 20px; right: 20px; z-index: 2147483000; display: flex; align-items: center; gap: 8px;
  border: 0; border-radius: 999px; padding: 12px 18px; background: var(--accent); color: #fff;
  box-shadow: 0 4px 14px rgba(0,0,0,.25); font-weight: 600; }
.launcher svg { width: 22px; height: 22px; }
:host([data-position="bottom-left"]) .launcher { right: auto; left: 20px; }
.panel { position: fixed; bottom: 84px; right: 20px; z-index: 2147483001; width: min(420px, calc(100vw - 40px));
  height: min(640px, calc(100vh - 120px)); display: flex; flex-direction: column; background: var(--bg); color: var(--fg);
  border: 1px solid var(--line); border-radius: 12px; box-shadow: 0 12px 40px rgba(0,0,0,.3); overflow: hidden; }
:host([data-position="bottom-left"]) .panel { right: auto; left: 20px; }
@media (max-width: 640px) {
  .panel { inset: 0; width: 100%; height: 100%; max-height: none; border-radius: 0; border: 0; }
  :host([data-position="bottom-left"]) .panel { left: 0; }
}
header { display: flex; align-items: center; gap: 4px; padding: 10px 12px; border-bottom: 1px solid var(--line); }
header h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 650; }
.icon-button { display: inline-flex; align-items: center; justify-content: center; width: 36px; height: 36px;
  border: 0; border-radius: 8px; background: transparent; color: var(--muted); }
.icon-button:hover { background: var(--soft); color: var(--fg); }
.log { flex: 1; overflow-y: auto; padding: 12px 14px; display: flex; flex-direction: column; gap: 14px; }
.intro { color: var(--muted); margin: 0; }
.examples { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 10px; }
.example { border: 1px solid var(--line); background: var(--soft); border-radius: 999px; padding: 6px 12px; font-size: 14px; text-align: left; }
.msg { max-width: 100%; overflow-wrap: anywhere; }
.msg.user { align-self: flex-end; background: var(--accent); color: #fff; border-radius: 12px 12px 2px 12px; padding: 8px 12px; max-width: 85%; white-space: pre-wrap; }
.msg.user blockquote { margin: 0 0 6px; padding: 4px 8px; border-left: 3px solid rgba(255,255,255,.7); background: rgba(0,0,0,.12);
  font-size: 13px; max-height: 8em; overflow: hidden; white-space: pre-wrap; }
.msg.assistant .body > :first-child { margin-top: 0; }
.msg.assistant .body > :last-child { margin-bottom: 0; }
.msg.assistant[aria-busy="true"] .body:empty::after { content: "…"; color: var(--muted); }
.body a, .sources a { color: var(--accent); }
:host([data-theme="dark"]) .body a, :host([data-theme="dark"]) .sources a { color: color-mix(in srgb, var(--accent) 55%, white); }
.body pre { background: var(--code-bg); border: 1px solid var(--line); border-radius: 8px; padding: 10px; overflow-x: auto; font-size: 13px; }
.body code { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.body :not(pre) > code { background: var(--code-bg); padding: 1px 4px; border-radius: 4px; }
.body blockquote { margin: 8px 0; padding-left: 10px; border-left: 3px solid var(--line); color: var(--muted); }
.body table { border-collapse: collapse; } .body td, .body th { border: 1px solid var(--line); padding: 4px 6px; }
.cite { font-size: 11px; } .cite a { text-decoration: none; font-weight: 600; }
.note { color: var(--muted); font-size: 13px; font-style: italic; }
.sources { margin: 8px 0 0; padding: 8px 0 0 22px; border-top: 1px dashed var(--line); font-size: 13px; }
.sources-title { margin: 8px 0 0; font-size: 12px; font-weight: 650; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.sources li { margin: 2px 0; }
.sources .heading { color: var(--muted); }
.feedback { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 8px; font-size: 13px; color: var(--muted); }
.feedback .icon-button { width: 30px; height: 30px; }
.feedback .icon-button svg { width: 16px; height: 16px; }
.feedback .icon-button[aria-pressed="true"] { color: var(--accent); background: var(--soft); }
.feedback form { display: flex; gap: 6px; flex-basis: 100%; }
.feedback input { flex: 1; min-width: 0; font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 4px 8px; }
.text-button { border: 1px solid var(--line); background: var(--soft); border-radius: 6px; padding: 4px 10px; font-size: 13px; }
.status { padding: 0 14px; }
.error { margin: 8px 0; padding: 8px 10px; border: 1px solid var(--danger); border-radius: 8px; color: var(--danger); display: flex; gap: 8px; align-items: center; }
.error p { margin: 0; flex: 1; }
.composer { border-top: 1px solid var(--line); padding: 10px 12px; display: flex; flex-direction: column; gap: 8px; }
.quote { display: flex; gap: 6px; align-items: flex-start; background: var(--soft); border-left: 3px solid var(--accent); border-radius: 6px; padding: 6px 8px; }
.quote blockquote { margin: 0; flex: 1; font-size: 13px; max-height: 6em; overflow: auto; white-space: pre-wrap; color: var(--muted); }
.quote .icon-button { width: 26px; height: 26px; }
.row { display: flex; gap: 8px; align-items: flex-end; }
textarea { flex: 1; resize: none; font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; min-height: 42px; max-height: 140px; }
.send, .stop { display: inline-flex; align-items: center; gap: 6px; border: 0; border-radius: 8px; padding: 10px 14px; background: var(--accent); color: #fff; font-weight: 600; }
.stop { background: var(--danger); color: var(--bg); }
.ask-selection { position: fixed; z-index: 2147483002; display: flex; align-items: center; gap: 6px; border: 0; border-radius: 8px;
  padding: 6px 10px; background: var(--accent); color: #fff; font: 600 13px/1.2 system-ui, sans-serif; box-shadow: 0 4px 12px rgba(0,0,0,.25); }
.ask-selection svg { width: 16px; height: 16px; }
`;

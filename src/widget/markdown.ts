import { Marked, type Token, type TokenizerExtension, type Tokens } from 'marked';

/**
 * Markdown → markup, safe by construction: marked (a maintained parser) turns the text into
 * tokens, and this walker builds output from a fixed set of elements whose text is always text.
 * No HTML string from the source is ever parsed: raw HTML shows as text, link targets are
 * limited to http(s), mailto and relative URLs, images become their alt text (no requests to
 * hosts named by model output). The walker writes through a sink, so the widget builds DOM nodes
 * (no innerHTML at all) and the build renders the page at `/` as an escaped HTML string.
 */

/** Where rendered markup goes: DOM nodes in the widget, strings at build time. */
export interface MarkupSink<N> {
  element(tag: string, attributes: Record<string, string>, children: N[]): N;
  text(value: string): N;
}

/** How the renderer treats `[n]` citation markers, admonitions, headings and links. */
export interface MarkdownOptions {
  /** The deep link of source `n`, or null when there is none (the marker stays text). */
  citation?: ((n: number) => { href: string; title: string } | null) | undefined;
  /** Render `:::note Title … :::` blocks as asides (book pages; answers do not use them). */
  admonitions?: boolean | undefined;
  /** The id of a heading with this text (book pages, so `#anchor` links land). */
  headingId?: ((text: string) => string) | undefined;
  /** Rewrites a link target; null keeps only the link text (e.g. book-relative `.md` links). */
  linkHref?: ((href: string) => string | null) | undefined;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

/** Markup as an escaped HTML string (attribute values and text are always escaped). */
export const htmlSink: MarkupSink<string> = {
  element: (tag, attributes, children) => {
    const attrs = Object.entries(attributes)
      .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
      .join('');
    return tag === 'hr' || tag === 'br'
      ? `<${tag}${attrs}>`
      : `<${tag}${attrs}>${children.join('')}</${tag}>`;
  },
  text: escapeHtml,
};

/** http(s), mailto, or a relative/fragment URL; anything else (javascript:, data:) is refused. */
export function isSafeHref(href: string): boolean {
  const value = href.trim().toLowerCase();
  const colon = value.indexOf(':');
  const separators = ['/', '?', '#'].map((char) => value.indexOf(char)).filter((index) => index >= 0);
  if (colon === -1 || colon > Math.min(...separators, Number.POSITIVE_INFINITY)) return true;
  return value.startsWith('http:') || value.startsWith('https:') || value.startsWith('mailto:');
}

const CITATION = /^\[(\d{1,3})\](?![([:])/;

/** Where an extension's token may start: the first `marker`, so marked stops its text there. */
const startAt =
  (marker: string) =>
  (source: string): number | undefined => {
    const index = source.indexOf(marker);
    return index === -1 ? undefined : index;
  };

const citationTokenizer: TokenizerExtension = {
  name: 'citation',
  level: 'inline',
  start: startAt('['),
  tokenizer(source: string) {
    const match = CITATION.exec(source);
    return match?.[1] ? { type: 'citation', raw: match[0], n: Number(match[1]) } : undefined;
  },
};

const admonitionTokenizer: TokenizerExtension = {
  name: 'admonition',
  level: 'block',
  start: startAt(':::'),
  tokenizer(source: string) {
    if (!source.startsWith(':::')) return undefined;
    const lineEnd = source.indexOf('\n');
    const close = lineEnd === -1 ? -1 : source.indexOf('\n:::', lineEnd);
    if (close === -1) return undefined;
    const opening = source.slice(3, lineEnd).trim();
    const space = opening.indexOf(' ');
    const kind = (space === -1 ? opening : opening.slice(0, space)).toLowerCase();
    if (!/^[a-z]{1,20}$/.test(kind)) return undefined;
    const afterClose = source.indexOf('\n', close + 1);
    const title = space === -1 ? kind.charAt(0).toUpperCase() + kind.slice(1) : opening.slice(space + 1);
    const tokens = this.lexer.blockTokens(source.slice(lineEnd + 1, close), []);
    const raw = source.slice(0, afterClose === -1 ? source.length : afterClose + 1);
    return { type: 'admonition', raw, kind, title, tokens };
  },
};

/** A renderer turning Markdown into markup for `sink` under `options`. */
export function createMarkdownRenderer<N>(
  sink: MarkupSink<N>,
  options: MarkdownOptions = {},
): (markdown: string) => N[] {
  const marked = new Marked({ gfm: true, async: false });
  marked.use({ extensions: [citationTokenizer, ...(options.admonitions ? [admonitionTokenizer] : [])] });
  const { element, text } = sink;

  const inline = (tokens: Token[] | undefined): N[] => (tokens ?? []).flatMap(inlineToken);
  const inlineToken = (token: Token): N[] => {
    switch (token.type) {
      case 'strong':
      case 'em':
      case 'del':
        return [element(token.type === 'del' ? 's' : token.type, {}, inline(token.tokens))];
      case 'codespan':
        return [element('code', {}, [text(token.text)])];
      case 'br':
        return [element('br', {}, [])];
      case 'link': {
        const link = token as Tokens.Link;
        const href = options.linkHref ? options.linkHref(link.href) : link.href;
        const label = inline(link.tokens);
        if (href === null || !isSafeHref(href)) return label;
        return [element('a', { href, ...(link.title ? { title: link.title } : {}) }, label)];
      }
      case 'image':
        return [text(token.text)];
      case 'citation': {
        const n = token.n as number;
        const target = options.citation?.(n);
        if (!target || !isSafeHref(target.href)) return [text(`[${n}]`)];
        const attributes = {
          href: target.href,
          'data-cite': String(n),
          'aria-label': `Source ${n}: ${target.title}`,
        };
        return [element('sup', { class: 'cite' }, [element('a', attributes, [text(`[${n}]`)])])];
      }
      case 'text':
        return token.tokens ? inline(token.tokens) : [text(token.text)];
      default: // escape, html (shown as text), anything unknown
        return [text('text' in token && typeof token.text === 'string' ? token.text : token.raw)];
    }
  };

  const blocks = (tokens: Token[] | undefined): N[] => (tokens ?? []).flatMap(block);
  const block = (token: Token): N[] => {
    switch (token.type) {
      case 'space':
      case 'def':
        return [];
      case 'heading': {
        const id: Record<string, string> = options.headingId ? { id: options.headingId(token.text) } : {};
        return [element(`h${Math.min(Math.max(token.depth as number, 1), 6)}`, id, inline(token.tokens))];
      }
      case 'paragraph':
        return [element('p', {}, inline(token.tokens))];
      case 'code': {
        const language = (token.lang as string | undefined)?.split(/\s/)[0];
        const attributes: Record<string, string> = language
          ? { class: `language-${language.replace(/[^\w-]/g, '')}` }
          : {};
        return [element('pre', {}, [element('code', attributes, [text(token.text)])])];
      }
      case 'blockquote':
        return [element('blockquote', {}, blocks(token.tokens))];
      case 'hr':
        return [element('hr', {}, [])];
      case 'list': {
        const list = token as Tokens.List;
        const start: Record<string, string> =
          list.ordered && list.start !== '' && list.start !== 1 ? { start: String(list.start) } : {};
        const items = list.items.map((item) =>
          element('li', {}, blocks(item.tokens.filter((part) => part.type !== 'checkbox'))),
        );
        return [element(list.ordered ? 'ol' : 'ul', start, items)];
      }
      case 'table': {
        const table = token as Tokens.Table;
        const row = (cells: Tokens.TableCell[], tag: 'th' | 'td') =>
          element(
            'tr',
            {},
            cells.map((cell) => element(tag, {}, inline(cell.tokens))),
          );
        return [
          element('table', {}, [
            element('thead', {}, [row(table.header, 'th')]),
            element(
              'tbody',
              {},
              table.rows.map((cells) => row(cells, 'td')),
            ),
          ]),
        ];
      }
      case 'admonition':
        return [
          element('aside', { class: `admonition admonition-${token.kind as string}` }, [
            element('p', { class: 'admonition-title' }, [text(token.title as string)]),
            ...blocks(token.tokens),
          ]),
        ];
      case 'text': // tight list items
        return token.tokens ? inline(token.tokens) : [text(token.text)];
      default: // html blocks and anything unknown: shown as the text it is
        return [element('p', {}, [text(token.raw)])];
    }
  };

  return (markdown) => blocks(marked.lexer(markdown));
}

/**
 * True when MDX is certain to reject the text, judged from its first non-blank line alone: an
 * ATX heading whose plain words are followed by a `{ #id }` heading id (MkDocs and FastAPI
 * write one on every page). In MDX, `{` in a heading opens a JavaScript expression and `#id` is
 * never a valid one, so the MDX attempt would throw, but only after micromark had tokenized the
 * whole page (text-level content is tokenized last), doubling the parse. Only plain characters
 * may come before the `{` (no code span, escape, tag, link, directive or autolink that could
 * swallow it), so a `true` is sure; anything else is left to the real MDX attempt.
 */
export function certainlyNotMdx(text: string): boolean {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (text.slice(start, end).trim() !== '') return headingWithId(text.slice(start, end));
    start = end + 1;
  }
  return false;
}

function headingWithId(line: string): boolean {
  let at = 0;
  while (line[at] === '#') at += 1;
  if (at < 1 || at > 6 || (line[at] !== ' ' && line[at] !== '\t')) return false;
  const open = line.indexOf('{', at);
  if (open < 0) return false;
  for (let i = at; i < open; i += 1) if (!isPlain(line[i] as string)) return false;
  let i = open + 1;
  while (line[i] === ' ' || line[i] === '\t') i += 1;
  if (line[i] !== '#') return false;
  i += 1;
  const idStart = i;
  while (i < line.length && isIdChar(line[i] as string)) i += 1;
  if (i === idStart) return false;
  while (line[i] === ' ' || line[i] === '\t') i += 1;
  return line[i] === '}';
}

/** Letters, digits, spaces and punctuation no Markdown, MDX or directive construct starts with. */
function isPlain(char: string): boolean {
  return isIdChar(char) || char === ' ' || char === '\t' || ",'!?()&".includes(char) || /\p{L}/u.test(char);
}

function isIdChar(char: string): boolean {
  return (
    (char >= 'a' && char <= 'z') ||
    (char >= 'A' && char <= 'Z') ||
    (char >= '0' && char <= '9') ||
    char === '-'
  );
}

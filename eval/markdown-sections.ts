/** One heading-delimited section of a Markdown page. */
export interface Section {
  /** Heading text without `#` marks and without a trailing `{ #id }` attribute. */
  heading: string;
  /** 1–6, or 0 for text before the first heading. */
  level: number;
  /** The heading line and everything up to the next heading of any level. */
  text: string;
}

const headingLine = /^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const fenceLine = /^[ \t]{0,3}(`{3,}|~{3,})/;
// FastAPI writes explicit ids as `## Title { #title }`; they are not part of the visible heading.
const headingId = /[ \t]*\{[ \t]*#[^}]*\}[ \t]*$/;

/** Strips the `{ #id }` suffix FastAPI's docs put after headings. */
export function cleanHeading(raw: string): string {
  return raw.replace(headingId, '').trim();
}

function frontMatterTitle(lines: string[]): { title: string | null; bodyStart: number } {
  if (lines[0] !== '---') return { title: null, bodyStart: 0 };
  const end = lines.indexOf('---', 1);
  if (end < 0) return { title: null, bodyStart: 0 };
  const titleLine = lines.slice(1, end).find((line) => line.startsWith('title:'));
  const title = titleLine
    ? titleLine
        .slice('title:'.length)
        .trim()
        .replace(/^['"]|['"]$/g, '')
    : null;
  return { title, bodyStart: end + 1 };
}

/**
 * Splits Markdown into sections: each runs from its heading to the next heading of any level,
 * ignoring `#` lines inside fenced code. Text before the first heading is a level-0 section
 * named after the front-matter title (the convention of the corpora's question sets).
 */
export function splitSections(markdown: string): Section[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const { title, bodyStart } = frontMatterTitle(lines);
  const sections: Section[] = [];
  let current: { heading: string; level: number; lines: string[] } = {
    heading: title ?? '',
    level: 0,
    lines: [],
  };
  let fence: string | null = null;
  for (const line of lines.slice(bodyStart)) {
    const fenceMatch = fenceLine.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1];
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
    }
    const match = fence === null ? headingLine.exec(line) : null;
    if (match?.[1] && match[2] !== undefined) {
      sections.push({ heading: current.heading, level: current.level, text: current.lines.join('\n') });
      current = { heading: cleanHeading(match[2]), level: match[1].length, lines: [line] };
    } else {
      current.lines.push(line);
    }
  }
  sections.push({ heading: current.heading, level: current.level, text: current.lines.join('\n') });
  return sections.filter((section) => section.level > 0 || section.text.trim() !== '');
}

import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const GoldSchema = z.object({
  /** Path relative to the corpus `docs/` folder. */
  file: z.string().min(1),
  /** Raw heading text of the answering section (without `#` marks or a `{ #id }` suffix). */
  heading: z.string().min(1),
  /** Verbatim substring of that section that a hit or an answer must contain. */
  key: z.string().min(3),
});

const SectionRefSchema = z.object({ file: z.string().min(1), heading: z.string().min(1) });

const AnswerableSchema = z.object({
  id: z.string().min(1),
  type: z.enum(['keyword', 'howto', 'conceptual', 'lowoverlap']),
  question: z.string().min(1),
  gold: GoldSchema,
  also_ok: z.array(SectionRefSchema).default([]),
  answer: z.string().default(''),
});

const UnanswerableSchema = z.object({
  id: z.string().min(1),
  type: z.literal('unanswerable'),
  question: z.string().min(1),
  gold: z.null(),
  also_ok: z.array(SectionRefSchema).default([]),
  answer: z.string().default(''),
});

const SelectionSchema = z.object({
  id: z.string().min(1),
  type: z.literal('selection'),
  selected_text: z.string().min(1),
  /** Page the selection was made on, relative to `docs/`. */
  source: z.string().min(1),
  question: z.string().min(1),
  key: z.string().min(3),
  /**
   * Optional: verbatim prose of the same page outside the selection that an explanation of the
   * selection should quote (e.g. the sentence introducing a selected code block).
   */
  context_key: z.string().min(3).optional(),
});

/** One line of a question set (the schema of the corpora's `dev-questions.jsonl`). */
export const QuestionSchema = z.discriminatedUnion('type', [
  AnswerableSchema,
  UnanswerableSchema,
  SelectionSchema,
]);

export type Question = z.infer<typeof QuestionSchema>;
export type AnswerableQuestion = z.infer<typeof AnswerableSchema>;
export type UnanswerableQuestion = z.infer<typeof UnanswerableSchema>;
export type SelectionCase = z.infer<typeof SelectionSchema>;
export type SectionRef = z.infer<typeof SectionRefSchema>;

/** Parses JSONL text into questions; throws naming the first bad line. */
export function parseQuestions(jsonl: string): Question[] {
  const questions: Question[] = [];
  const lines = jsonl.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const parsed = QuestionSchema.safeParse(JSON.parse(line));
    if (!parsed.success) {
      throw new Error(
        `line ${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    questions.push(parsed.data);
  }
  return questions;
}

/** Reads and parses a JSONL question set. */
export async function loadQuestions(filePath: string): Promise<Question[]> {
  return parseQuestions(await readFile(filePath, 'utf8'));
}

/** Collapses whitespace runs so keys match across re-wrapped text. */
export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

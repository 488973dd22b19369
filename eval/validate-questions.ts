/**
 * Checks a question set against its corpus: gold files and headings exist, every key is verbatim
 * inside its section, selections are verbatim passages containing their key, and unanswerable
 * topics really are absent. Usage: node eval/validate-questions.ts <docsDir> <questions.jsonl>
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { splitSections } from './markdown-sections.ts';
import { loadQuestions, type Question, type SectionRef } from './question-set.ts';

/**
 * The schema has no field for what an unanswerable question is about, so the terms that must be
 * absent from the docs live beside the set: `<set>.absent.json` = `{ "<id>": ["term", ...] }`.
 */
type AbsentTerms = Record<string, string[]>;

async function loadAbsentTerms(questionsPath: string): Promise<AbsentTerms | null> {
  const sidecar = questionsPath.replace(/\.jsonl$/, '.absent.json');
  return existsSync(sidecar) ? (JSON.parse(await readFile(sidecar, 'utf8')) as AbsentTerms) : null;
}

async function sectionsOf(
  docsDir: string,
  file: string,
  cache: Map<string, ReturnType<typeof splitSections>>,
) {
  const cached = cache.get(file);
  if (cached) return cached;
  const sections = splitSections(await readFile(path.join(docsDir, file), 'utf8'));
  cache.set(file, sections);
  return sections;
}

async function allDocsText(docsDir: string, files: string[]): Promise<string> {
  const texts = await Promise.all(files.map((file) => readFile(path.join(docsDir, file), 'utf8')));
  return texts.join('\n').toLowerCase();
}

/** Problems found in one question, empty when it is valid. */
export async function checkQuestion(
  question: Question,
  docsDir: string,
  docsText: string,
  cache: Map<string, ReturnType<typeof splitSections>>,
  absentTerms: AbsentTerms | null,
): Promise<string[]> {
  const problems: string[] = [];
  const checkRef = async (ref: SectionRef, key?: string) => {
    if (!existsSync(path.join(docsDir, ref.file))) return problems.push(`file not found: ${ref.file}`);
    const sections = (await sectionsOf(docsDir, ref.file, cache)).filter((s) => s.heading === ref.heading);
    if (sections.length === 0) return problems.push(`heading not in ${ref.file}: ${ref.heading}`);
    if (sections.length > 1) problems.push(`heading not unique in ${ref.file}: ${ref.heading}`);
    if (key !== undefined && !sections.some((s) => s.text.includes(key))) {
      problems.push(`key not in section "${ref.heading}": ${key}`);
    }
  };
  if (question.type === 'selection') {
    if (!existsSync(path.join(docsDir, question.source))) return [`file not found: ${question.source}`];
    const text = await readFile(path.join(docsDir, question.source), 'utf8');
    if (!text.includes(question.selected_text)) problems.push('selected_text is not verbatim in source');
    if (!question.selected_text.includes(question.key)) problems.push('key is not inside selected_text');
    const contextKey = question.context_key;
    if (
      contextKey !== undefined &&
      (!text.includes(contextKey) || question.selected_text.includes(contextKey))
    )
      problems.push('context_key is not verbatim in source outside selected_text');
    const length = question.selected_text.length;
    if (length < 150 || length > 900) problems.push(`selected_text length ${length} outside 150..900`);
    return problems;
  }
  if (question.type === 'unanswerable') {
    if (absentTerms === null) return problems; // nothing to check against; reported once in main
    const terms = absentTerms[question.id] ?? [];
    if (terms.length === 0) problems.push('no absent terms listed in the .absent.json sidecar');
    for (const term of terms)
      if (docsText.includes(term.toLowerCase())) problems.push(`term present in docs: ${term}`);
    return problems;
  }
  await checkRef(question.gold, question.gold.key);
  for (const ref of question.also_ok) await checkRef(ref);
  return problems;
}

async function main(): Promise<void> {
  const [docsDir, questionsPath] = process.argv.slice(2);
  if (!docsDir || !questionsPath) {
    console.error('usage: node eval/validate-questions.ts <docsDir> <questions.jsonl>');
    process.exit(2);
  }
  const { listFiles } = await import('./corpus-files.ts');
  const files = await listFiles(docsDir);
  const docsText = await allDocsText(docsDir, files);
  const questions = await loadQuestions(questionsPath);
  const cache = new Map<string, ReturnType<typeof splitSections>>();
  const absentTerms = await loadAbsentTerms(questionsPath);
  if (absentTerms === null) console.log('note: no .absent.json sidecar; unanswerable topics not checked');
  let failures = 0;
  const ids = new Set<string>();
  for (const question of questions) {
    const problems = await checkQuestion(question, docsDir, docsText, cache, absentTerms);
    if (ids.has(question.id)) problems.push('duplicate id');
    ids.add(question.id);
    for (const problem of problems) console.log(`${question.id}: ${problem}`);
    if (problems.length > 0) failures += 1;
  }
  const byType = new Map<string, number>();
  for (const q of questions) byType.set(q.type, (byType.get(q.type) ?? 0) + 1);
  const goldFiles = new Set(
    questions.flatMap((q) => (q.type === 'selection' ? [q.source] : q.gold ? [q.gold.file] : [])),
  );
  console.log(
    `${questions.length} questions (${[...byType].map(([t, n]) => `${t} ${n}`).join(', ')}), ${goldFiles.size} distinct files, ${failures} invalid`,
  );
  if (failures > 0) process.exit(1);
}

if (import.meta.main) await main();

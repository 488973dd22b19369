import { NO_CONTEXT_ANSWER, textPieces } from '../../domain/answer-text.ts';
import { followUpQuery } from '../../domain/follow-up-query.ts';
import type { GenerationPart, GenerationRequest, Generator } from '../../domain/generator.ts';
import { terms } from '../../domain/tokenize.ts';
import { buildCandidates, isSelected } from './build-candidates.ts';
import { namedFocus, parentLead } from './named-focus.ts';
import { type PickLimits, pickUnits } from './pick-units.ts';
import { pickWindow } from './pick-window.ts';
import { queryWeights, unknownNames, wantsCode, wordText } from './question-analysis.ts';
import { renderAnswer } from './render-answer.ts';
import {
  followingSelection,
  quotedIn,
  repeatsSelection,
  selectedCodeContext,
  withSelectionTerms,
} from './selection-follow-on.ts';
import { bestCoverage, type Candidate, scoreCandidates } from './sentence-scoring.ts';
import { createUnitCache, type UnitReader } from './unit-cache.ts';

/** Options of the extractive answerer (defaults suit a short chat answer). */
export interface ExtractiveOptions {
  /** Most characters of quoted prose (default 900). */
  budget?: number;
  /** Most characters of the one code block quoted for how/example questions (default 650). */
  codeBudget?: number;
  /** Most units (sentences, items, code blocks) quoted (default 4). */
  maxUnits?: number;
  /** Below this share of the question's weight covered by one unit, say no_context (default 0.05). */
  minCoverage?: number;
}

/**
 * Below this share of the question's (IDF-weighted) terms in its best unit, the passages are off
 * topic. Calibrated across the three dev books: paraphrased questions that are answerable go down
 * to 0.06, while unanswerable ones sit at 0.13–0.61 and are told apart by the names they use
 * (unknownNames), not by coverage; 0.17 cost 8 false no_context answers to catch one.
 */
const MIN_COVERAGE = 0.05;

/** Share of the prose budget the opening run of one passage may use; the rest goes to other units. */
const WINDOW_SHARE = 0.65;

/** Weight of the selection's words in a selection answer's query (the question's own words: 1). */
const SELECTION_TERM_WEIGHT = 0.5;
/** Share of the prose budget the quoted part of the selection may use; the rest explains it. */
const SELECTION_RUN_SHARE = 0.45;
/** Sentences quoted from where a retrieved passage reads on after the selected text. */
const FOLLOW_ON_UNITS = 2;

/**
 * The selection is what the user asks about, so a short run of it opens the answer: the run of
 * consecutive selected sentences around its best match to the question (its lead sentence, often
 * the point, counts extra), within a share of the budget so other sources can explain it. When
 * nothing in it matches the question's words ("why was this changed?") its opening is quoted.
 */
function selectionOpening(selected: Candidate[], budget: number): Candidate[] {
  if (!selected.some((candidate) => candidate.score > 0)) return selected.slice(0, 3);
  return pickWindow(selected, { budget: SELECTION_RUN_SHARE * budget });
}

/** True when the question names something (a product, a library) the passages never mention. */
function namesUnknown(request: GenerationRequest): boolean {
  const texts = request.sources.map((source) => `${source.title}\n${source.heading}\n${source.text}`);
  const vocabulary = {
    terms: new Set(texts.flatMap((text) => terms(text))),
    text: wordText(texts.join('\n')),
  };
  return unknownNames(request.question, vocabulary).length > 0;
}

/** The answer text, or null when the passages do not answer the question. */
function compose(
  request: GenerationRequest,
  limits: Omit<PickLimits, 'wantCode'>,
  minCoverage: number,
  passageUnits: UnitReader,
): string | null {
  const query = queryWeights(request.question, request.history);
  const selection = request.selection !== undefined;
  const includeCode = wantsCode(request.question);
  // Code is built even when not asked for, so a sentence ending in ':' can bring its block along;
  // only what the question asks for is scored, so keyword and concept answers stay prose.
  const built = buildCandidates({
    sources: request.sources,
    selection: request.selection,
    query,
    passageUnits,
  });
  // A follow-up is answered with what was not said yet: the last answer is never quoted again.
  const said = request.history.findLast((message) => message.role === 'assistant')?.content;
  const all = said === undefined ? built : built.filter((candidate) => !quotedIn(candidate, said));
  const candidates = includeCode ? all : all.filter((candidate) => candidate.unit.kind !== 'code');
  scoreCandidates(candidates, query);
  const selected = candidates.filter((candidate) => isSelected(candidate, selection));
  if (!request.selection) {
    const windowBudget = WINDOW_SHARE * limits.budget;
    const subject = followUpQuery(request.history, request.question);
    // A section titled with what the question asks about answers it, whatever words it uses.
    const named = namedFocus(candidates, request.sources, subject, windowBudget);
    if (namesUnknown(request)) return null;
    if (named.length === 0 && bestCoverage(candidates, query) < minCoverage) return null;
    const focus = named.length > 0 ? named : pickWindow(candidates, { budget: windowBudget });
    // General before specific: the enclosing section's first sentence, then the focus run.
    const first = [...parentLead(candidates, request.sources, focus), ...focus];
    const maxUnits = limits.maxUnits + first.length;
    const picked = pickUnits(all, { ...limits, maxUnits, wantCode: includeCode, freshOnly: true }, first);
    return picked.length === 0 ? null : renderAnswer(picked);
  }
  const selectionText = request.selection.text;
  // Code a page shows is explained by the page's own sentences around it, not by quoting it back.
  const explained = selectedCodeContext(all, selectionText);
  const opening = explained.length > 0 ? [] : selectionOpening(selected, limits.budget);
  // The rest of a selection answer is scored with the selection's words too, and never repeats it.
  scoreCandidates(candidates, withSelectionTerms(query, selectionText, SELECTION_TERM_WEIGHT));
  // The selection is already quoted as far as it should be: the rest must come from elsewhere, and
  // its own high scores must not set the bar other sources have to reach.
  for (const candidate of selected) candidate.score = 0;
  const fresh = candidates.filter((candidate) => !repeatsSelection(candidate, selectionText));
  const first =
    explained.length > 0
      ? explained
      : [...opening, ...followingSelection(all, selectionText, FOLLOW_ON_UNITS)];
  // Selected code is explained by the page's prose around it alone; other selections read on.
  const maxUnits = explained.length > 0 ? explained.length : Math.max(limits.maxUnits, first.length);
  const picked = pickUnits(fresh, { ...limits, maxUnits, wantCode: includeCode }, first);
  return picked.length === 0 ? null : renderAnswer(picked);
}

/**
 * The local answerer used without a model: it quotes the 2–4 passage sentences that best match
 * the question (BM25 over the candidate sentences, heading and rank bonuses), cites each as `[n]`,
 * and says no_context when the passages do not cover the question.
 */
export function createExtractiveGenerator(options: ExtractiveOptions = {}): Generator {
  const limits: Omit<PickLimits, 'wantCode'> = {
    budget: options.budget ?? 900,
    maxUnits: options.maxUnits ?? 4,
    codeBudget: options.codeBudget ?? 650,
  };
  const minCoverage = options.minCoverage ?? MIN_COVERAGE;
  const passageUnits = createUnitCache();
  return {
    mode: 'extractive',
    async *generate(request: GenerationRequest): AsyncIterable<GenerationPart> {
      if (request.signal.aborted) return;
      const answer = compose(request, limits, minCoverage, passageUnits);
      for (const text of textPieces(answer ?? NO_CONTEXT_ANSWER)) {
        if (request.signal.aborted) return;
        yield { type: 'text-delta', text };
      }
      if (request.signal.aborted) return;
      yield { type: 'finish', finishReason: answer === null ? 'no_context' : 'stop', usage: null };
    },
    async standaloneQuery(history, question) {
      return followUpQuery(history, question);
    },
    async ping() {},
  };
}

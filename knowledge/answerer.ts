// The answerer: retrieve, decide whether the corpus answers, then answer with the model (verified) or extractively.
import type { Logger } from '../ground/logger.js';
import type { Answer, Answerer, SourceRef } from './types.js';
import type { Retriever, Retrieval } from './retriever.js';
import { DEFAULT_POLICY, judge, notStatedText, refusalText, type RefusalPolicy } from './refusal.js';
import { formatQuoted, pickSentences } from './extractive.js';
import { citeLabel, type Chunk } from './chunk.js';
import { scoreSentences } from './sentence-scoring.js';
import { domainLift, liftWords } from './domain.js';
import { membersOnlyWords } from './unit-keywords.js';
import { synonymsOf } from './synonyms.js';
import { asksWhatFollows, consequenceAsks, permissionAsks } from './question-kind.js';
import { modelAnswer, type ModelAnswerer } from './llm-answer.js';
import { clip } from './plain-text.js';
import { articlesByDoc, missingArticleText } from './missing-article.js';
import { absentTermText, absentTitleText } from './absent-term.js';
import { normalizeForMatch } from './normalize.js';

export interface AnswererDeps {
  retriever: Retriever;
  /** The chat-model path; absent → extractive answers. */
  model?: ModelAnswerer;
  maxChars: number;
  logger?: Logger;
  policy?: RefusalPolicy;
}

export type DetailedAnswer = Answer & { retrieval: Retrieval; reason: string };

function sourcesOf(r: Retrieval): SourceRef[] {
  return r.hits.map((h) => ({
    chunkId: h.chunk.id,
    doc: h.chunk.short,
    clause: h.chunk.clause,
    score: Number(h.score.toFixed(4)),
  }));
}

/**
 * For a question asking the consequence of conduct: the domain lift that two of its words outside the asks reach (the
 * second highest), undefined when it asks no consequence. One everyday word the documents share (个人, 单位, 领导 in
 * 个人养老金断缴会有什么后果) is not enough to make such a question on-topic; two are (领导 + 群众, 培训 + 单位).
 */
export function conductLift(
  words: string[],
  question: string,
  bm25: Parameters<typeof domainLift>[1],
  documentsUse: (w: string) => boolean = (w) => bm25.has(w),
): number | undefined {
  // Asking whether conduct is allowed (这个我能参加吗) tells conduct like asking its consequence.
  const consequences = consequenceAsks(question);
  const asks = consequences.length ? consequences : permissionAsks(question);
  if (!asks.length) return undefined;
  const lifts = [...new Set(words)]
    .filter((w) => !asks.some((a) => a.includes(w)))
    .map((w) => domainLift([w], bm25, documentsUse) ?? Number.NEGATIVE_INFINITY)
    .sort((a, b) => b - a);
  return lifts[1] ?? Number.NEGATIVE_INFINITY;
}

export function createAnswerer({
  retriever,
  model,
  maxChars,
  logger,
  policy = DEFAULT_POLICY,
}: AnswererDeps): Answerer & {
  answerDetailed(question: string, opts?: { signal?: AbortSignal }): Promise<DetailedAnswer>;
} {
  const { bm25, chunks } = retriever.index;
  const units = new Map<string, Chunk[]>();
  for (const c of chunks)
    if (c.part) units.set(`${c.docId}#${c.unit}`, [...(units.get(`${c.docId}#${c.unit}`) ?? []), c]);
  const siblings = (c: Chunk) => units.get(`${c.docId}#${c.unit}`) ?? [];
  // Members' words from keyword sidecars find units but are not the documents' words. Found once here (~40–90 ms for
  // the default corpus's 311 units), not on a member's first question.
  const membersOnly = membersOnlyWords(
    chunks,
    retriever.index.docs.map((d) => d.text),
    (t) => retriever.index.tokenizer.tokenize(t),
  );
  const documentsUse = (w: string) => bm25.has(w) && !membersOnly.has(w);
  const articles = articlesByDoc(chunks);
  // The documents' text as matched, built on the first question that names a term.
  let documentText: string | undefined;
  const documentsText = () =>
    (documentText ??= normalizeForMatch(retriever.index.docs.map((d) => d.text).join('\n')).replace(/\s+/g, ''));
  const documentsContain = (term: string) => documentsText().includes(term);
  const documentsMatch = (pattern: RegExp) => pattern.test(documentsText());
  async function answerDetailed(question: string, opts: { signal?: AbortSignal } = {}): Promise<DetailedAnswer> {
    const q = question.trim().slice(0, 500);
    const retrieval = await retriever.retrieve(q, { k: 5 });
    const sources = sourcesOf(retrieval);
    // An article or a term the documents do not have: say so, and quote nothing in its place.
    const missingArticle = missingArticleText(retrieval.scope, articles);
    const absentTerm = missingArticle
      ? undefined
      : (absentTermText(retrieval.question, documentsContain, documentsMatch) ??
        (retrieval.scope?.docs.size ? undefined : absentTitleText(retrieval.question, documentsContain)));
    if (missingArticle || absentTerm)
      return {
        text: (missingArticle ?? absentTerm)!,
        citations: [],
        refused: true,
        sources,
        mode: 'refusal',
        retrieval,
        reason: missingArticle ? 'no such article' : 'absent term',
      };
    const { scored, kinds, listQuestion, partKinds } = scoreSentences(retrieval, { bm25, siblings });
    const verdict = judge(
      retrieval,
      scored,
      policy,
      domainLift(
        liftWords(
          // A word the documents lack counts as their word for it (地委 → 地区委员会).
          retrieval.words.flatMap((w) => (documentsUse(w) ? [w] : [w, ...synonymsOf(w)])),
          documentsUse,
          (w) => retriever.index.tokenizer.tokenize(w),
        ),
        bm25,
        documentsUse,
      ),
      bm25,
      conductLift(retrieval.words, retrieval.question, bm25, documentsUse),
    );
    // On-topic questions (answered, "not stated", or no sentence close enough) may be answered by the model from the
    // same context under the same checks; an off-topic question never reaches it.
    const llm =
      model && verdict.onTopic
        ? await modelAnswer(model, q, retrieval, { signal: opts.signal, mayAnswerRefused: verdict.refuse, logger })
        : undefined;
    if (llm)
      return {
        text: clip(llm.text, maxChars),
        citations: llm.citations,
        refused: false,
        sources,
        mode: 'llm',
        retrieval,
        reason: verdict.refuse ? `llm after ${verdict.reason}` : 'llm',
      };
    if (verdict.outcome === 'not-stated') {
      const c = verdict.closest;
      const citations = c ? [{ doc: c.chunk.short, clause: c.chunk.clause, quote: c.quote }] : [];
      return {
        text: clip(notStatedText(verdict), maxChars),
        citations,
        refused: true,
        sources,
        mode: 'not-stated',
        retrieval,
        reason: verdict.reason,
      };
    }
    if (verdict.refuse) {
      return {
        text: refusalText(verdict.reason),
        citations: [],
        refused: true,
        sources,
        mode: 'refusal',
        retrieval,
        reason: verdict.reason,
      };
    }
    const extractive = formatQuoted(
      pickSentences(
        scored,
        kinds,
        3,
        retrieval.hits[0]?.chunk,
        listQuestion,
        asksWhatFollows(retrieval.question),
        partKinds,
      ),
      maxChars,
    );
    return { ...extractive, refused: false, sources, mode: 'extractive', retrieval, reason: verdict.reason };
  }
  return {
    answerDetailed,
    answer: async (question, opts) => {
      const { retrieval: _r, reason: _why, ...answer } = await answerDetailed(question, opts);
      return answer;
    },
  };
}

export { citeLabel };

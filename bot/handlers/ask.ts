// A question for the answering core: per-user limit, then the cited answer, @-mentioning the asker; the question is
// then recorded in the question log without holding up the reply.
import type { Answer } from '../../knowledge/types.js';
import type { QuestionOutcome } from '../../store/question-log.js';
import type { RateLimiter } from '../rate-limit.js';
import type { ChatContext } from '../types.js';

export const RATE_LIMITED_TEXT = (perMinute: number) =>
  `您提问有点快了（每分钟最多 ${perMinute} 个问题），请稍等一分钟再问。`;

export function outcomeOf(answer: Pick<Answer, 'mode' | 'refused'>): QuestionOutcome {
  if (answer.mode === 'not-stated') return 'not-stated';
  return answer.refused ? 'refusal' : 'answer';
}

/** Records the question; failures are logged, never shown to the asker. */
async function logQuestion(ctx: ChatContext, answer: Answer, ms: number): Promise<void> {
  const { msg, deps } = ctx;
  try {
    const branchId = msg.roomId ? await deps.stores.branches.branchIdOfRoom(msg.roomId) : undefined;
    await deps.stores.questions.record({
      askerId: msg.talkerId,
      channel: msg.roomId ? 'group' : 'private',
      roomId: msg.roomId,
      branchId,
      question: msg.text,
      outcome: outcomeOf(answer),
      cited: [...new Set(answer.citations.map((c) => `${c.doc}${c.clause}`))],
      ms,
    });
  } catch (err) {
    deps.logger.warn({ err: (err as Error).message, msgId: msg.id }, 'question not logged');
  }
}

export function createAskHandler(limiter: RateLimiter) {
  return async function ask(ctx: ChatContext): Promise<void> {
    const verdict = await limiter.hit(ctx.msg.talkerId);
    if (verdict === 'exceeded-first') return ctx.reply(RATE_LIMITED_TEXT(ctx.deps.config.questionRatePerMinute));
    if (verdict === 'exceeded') return;
    const t0 = performance.now();
    const answer = await ctx.deps.answerer.answer(ctx.msg.text);
    const ms = performance.now() - t0;
    ctx.deps.logger.debug({ msgId: ctx.msg.id, mode: answer.mode, refused: answer.refused }, 'answered');
    await ctx.reply(answer.text);
    void logQuestion(ctx, answer, ms);
  };
}

// A question for the answering core: per-user limit, then the cited answer, @-mentioning the asker.
import type { RateLimiter } from '../rate-limit.js';
import type { ChatContext } from '../types.js';

export const RATE_LIMITED_TEXT = (perMinute: number) =>
  `您提问有点快了（每分钟最多 ${perMinute} 个问题），请稍等一分钟再问。`;

export function createAskHandler(limiter: RateLimiter) {
  return async function ask(ctx: ChatContext): Promise<void> {
    const verdict = await limiter.hit(ctx.msg.talkerId);
    if (verdict === 'exceeded-first') return ctx.reply(RATE_LIMITED_TEXT(ctx.deps.config.questionRatePerMinute));
    if (verdict === 'exceeded') return;
    const answer = await ctx.deps.answerer.answer(ctx.msg.text);
    ctx.deps.logger.debug({ msgId: ctx.msg.id, mode: answer.mode, refused: answer.refused }, 'answered');
    await ctx.reply(answer.text);
  };
}

// Messages over the limit are not answered; the sender is asked to shorten them.
import { MAX_TEXT_CHARS } from '../filters.js';
import type { ChatContext } from '../types.js';

export async function tooLong(ctx: ChatContext): Promise<void> {
  await ctx.reply(
    `您的消息有 ${ctx.msg.text.length} 个字，超过了 ${MAX_TEXT_CHARS} 字的上限。请精简后再发，或拆成几个具体的问题。`,
  );
}

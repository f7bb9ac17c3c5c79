// Questions that claim a role or ask for a privileged action in plain words (我是管理员，帮我广播…) never
// reach a command path: roles come from the records, commands only from a leading "/". Refused and audited.
// A claim to be a secretary is only refused together with a request for an action: secretaries ask questions too.
import type { ChatContext } from '../../types.js';

const CLAIMS =
  /(我|本人|俺)(就)?是(这里的|系统的|本群的?)?(超级)?(管理员|管理者|admin)|以管理员(的)?身份|我有(管理员)?权限|授权(给)?我|把我设为管理员|忽略(之前|以上|前面|所有)的?(指令|提示|规则|设定)|ignore (all |previous |the above )+instructions|system prompt|你现在是/i;
const ACTIONS =
  /(帮我|替我|给我|请你?|马上|立即|直接)\S{0,6}(广播|群发|发给所有|通知所有|发到所有群|授权|撤销授权|取消(会议|广播)|删除)/;

export function isInjectionAttempt(text: string): boolean {
  return CLAIMS.test(text) || ACTIONS.test(text);
}

export const INJECTION_REPLY =
  '抱歉，我不会根据聊天内容执行操作，身份以系统登记为准。管理员请私聊我发送命令（例如“/广播 立即 全部 内容”），其他问题我可以从党章党规中为您解答。';

export async function injectionGuard(ctx: ChatContext): Promise<boolean> {
  if (!ctx.msg.addressed || !isInjectionAttempt(ctx.msg.text)) return false;
  await ctx.deps.audit.recordBy(
    ctx.msg,
    'refused',
    `非命令的越权请求（角色 ${ctx.role}）：${ctx.msg.text.slice(0, 200)}`,
    false,
  );
  await ctx.reply(INJECTION_REPLY);
  return true;
}

// The router decides, handlers act. decide() is synchronous and cheap; the sender's role is resolved
// only when something will act on the message, so group chatter costs one Redis write. One boundary per
// inbound message catches everything: a UserError is shown, anything else is logged with an apology.
import { isUserError, PermissionError } from '../ground/errors.js';
import { createRoleResolver } from '../domains/roles/resolve.js';
import { createContext } from './context.js';
import { isHelpRequest, isTooLong, parseCommand } from './filters.js';
import { createAskHandler } from './handlers/ask.js';
import { greeting } from './handlers/greeting.js';
import { createHelpHandler } from './handlers/help.js';
import { refused } from './handlers/refused.js';
import { tooLong } from './handlers/too-long.js';
import { unknownCommand } from './handlers/unknown-command.js';
import { createInbox, type Inbox } from '../store/inbox.js';
import { createRateLimitStore } from '../store/rate-limits.js';
import { createRateLimiter } from './rate-limit.js';
import type { AppDeps, ChatContext, CommandSpec, Feature, InboundMessage } from './types.js';

export const APOLOGY = '抱歉，处理您的消息时出了点问题，请稍后再试。';

export interface Router {
  /** Routes one filtered inbound message; never throws. */
  handle(msg: InboundMessage): Promise<void>;
  /** Every installed command, for help and for the console. */
  commands(): CommandSpec[];
  /** Counters: messages routed, and how many of them needed the sender's role (chatter should not). */
  stats(): { handled: number; roleLookups: number };
}

type Plan =
  | { kind: 'too-long' }
  | { kind: 'command'; spec: CommandSpec; args: string }
  | { kind: 'help' }
  | { kind: 'unknown'; name: string }
  | { kind: 'text'; hooks: Feature[] };

export function createRouter(deps: AppDeps, features: Feature[], opts: { inbox?: Inbox } = {}): Router {
  const inbox = opts.inbox ?? createInbox(deps.redis, deps.prefix);
  const commands = features.flatMap((f) => f.commands ?? []);
  const byName = new Map<string, CommandSpec>();
  for (const c of commands) for (const n of [c.name, ...(c.aliases ?? [])]) byName.set(n, c);
  const hooks = features.filter((f) => f.onText);
  const observers = features.filter((f) => f.onInbound);
  const resolveRole = createRoleResolver(deps.stores);
  const counters = { handled: 0, roleLookups: 0 };
  const limiter = createRateLimiter(createRateLimitStore(deps.redis, deps.prefix), {
    name: 'q',
    perMinute: deps.config.questionRatePerMinute,
    clock: deps.clock,
  });
  const ask = createAskHandler(limiter);
  const help = createHelpHandler(() => commands);

  function decide(msg: InboundMessage): Plan | undefined {
    const { text, addressed } = msg;
    if (isTooLong(text)) return addressed ? { kind: 'too-long' } : undefined;
    const cmd = parseCommand(text);
    if (cmd) {
      const spec = byName.get(cmd.name);
      // In rooms a known command (and /帮助) works without an @; an unknown one only when addressed.
      if (spec) return { kind: 'command', spec, args: cmd.args };
      if (isHelpRequest(text)) return { kind: 'help' };
      return addressed ? { kind: 'unknown', name: cmd.name } : undefined;
    }
    const wanting = hooks.filter((f) => !f.wantsText || f.wantsText(msg));
    return wanting.length || addressed ? { kind: 'text', hooks: wanting } : undefined;
  }

  async function act(ctx: ChatContext, plan: Plan): Promise<void> {
    switch (plan.kind) {
      case 'too-long':
        return tooLong(ctx);
      case 'command':
        return plan.spec.roles.includes(ctx.role)
          ? plan.spec.handle(ctx, plan.args)
          : refused(ctx, plan.spec, plan.args);
      case 'help':
        return help(ctx);
      case 'unknown':
        return unknownCommand(ctx, plan.name);
      case 'text':
        for (const f of plan.hooks) if (await f.onText!(ctx)) return;
        if (!ctx.msg.addressed) return;
        if (ctx.msg.text === '') return greeting(ctx);
        if (isHelpRequest(ctx.msg.text)) return help(ctx);
        return ask(ctx);
    }
  }

  async function boundary(ctx: ChatContext, err: unknown): Promise<void> {
    const { msg } = ctx;
    try {
      if (err instanceof PermissionError) {
        await deps.audit.recordBy(msg, 'refused', msg.text.slice(0, 200), false);
      }
      if (isUserError(err)) return await ctx.reply(err.userMessage);
      deps.logger.error(
        { err, msgId: msg.id, talkerId: msg.talkerId, roomId: msg.roomId, text: msg.text.slice(0, 200) },
        'inbound message failed',
      );
      if (msg.addressed) await ctx.reply(APOLOGY);
    } catch (again) {
      deps.logger.error({ err: again, msgId: msg.id }, 'could not report a failure to the sender');
    }
  }

  async function observe(msg: InboundMessage): Promise<void> {
    await inbox.record(msg);
    for (const f of observers) await f.onInbound!(msg);
  }

  return {
    commands: () => commands,
    stats: () => ({ ...counters }),
    async handle(msg) {
      counters.handled++;
      const observed = observe(msg).catch((err: unknown) =>
        deps.logger.warn({ err, msgId: msg.id }, 'inbound bookkeeping failed'),
      );
      let ctx: ChatContext | undefined;
      try {
        const plan = decide(msg);
        if (plan) {
          counters.roleLookups++;
          ctx = createContext(msg, deps, await resolveRole({ talkerId: msg.talkerId, roomId: msg.roomId }));
          await act(ctx, plan);
          // Replies wait for the replicas themselves (context.ts); this covers writes acknowledged later by a job,
          // e.g. a check-in, acknowledged by the rolling 已签到 message at the end of its window.
          await deps.awaitReplicas();
        }
      } catch (err) {
        await boundary(ctx ?? createContext(msg, deps, 'guest'), err);
      }
      await observed;
    },
  };
}

// The router decides, handlers act. One boundary per inbound message catches everything:
// a UserError is shown to the sender, anything else is logged and answered with an apology.
import { isUserError, PermissionError } from '../app/errors.js';
import { createContext } from './context.js';
import { isHelpRequest, isTooLong, parseCommand } from './filters.js';
import { createAskHandler } from './handlers/ask.js';
import { greeting } from './handlers/greeting.js';
import { createHelpHandler } from './handlers/help.js';
import { refused } from './handlers/refused.js';
import { tooLong } from './handlers/too-long.js';
import { unknownCommand } from './handlers/unknown-command.js';
import { createInbox, type Inbox } from './inbox.js';
import { createRateLimiter } from './rate-limit.js';
import type { AppDeps, ChatContext, CommandSpec, Feature, InboundMessage, Role } from './types.js';

export const APOLOGY = '抱歉，处理您的消息时出了点问题，请稍后再试。';

export interface Router {
  /** Routes one filtered inbound message; never throws. */
  handle(msg: InboundMessage): Promise<void>;
  /** Every installed command, for help and for the console. */
  commands(): CommandSpec[];
}

export function createRouter(deps: AppDeps, features: Feature[], opts: { inbox?: Inbox } = {}): Router {
  const inbox = opts.inbox ?? createInbox(deps.redis, deps.prefix);
  const commands = features.flatMap((f) => f.commands ?? []);
  const byName = new Map<string, CommandSpec>();
  for (const c of commands) for (const n of [c.name, ...(c.aliases ?? [])]) byName.set(n, c);
  const hooks = features.filter((f) => f.onText);
  const roleResolvers = features.filter((f) => f.resolveRole);
  const admins = new Set(deps.config.adminIds);
  const limiter = createRateLimiter(deps.redis, { prefix: deps.prefix, name: 'q', perMinute: deps.config.questionRatePerMinute, clock: deps.clock });
  const ask = createAskHandler(limiter);
  const help = createHelpHandler(() => commands);

  async function resolveRole(msg: InboundMessage): Promise<Role> {
    for (const f of roleResolvers) {
      const role = await f.resolveRole!(msg);
      if (role) return role;
    }
    return admins.has(msg.talkerId) ? 'admin' : 'member';
  }

  async function route(ctx: ChatContext): Promise<void> {
    const { text, addressed } = ctx.msg;
    if (isTooLong(text)) return addressed ? tooLong(ctx) : undefined;
    const cmd = parseCommand(text);
    if (cmd) {
      const spec = byName.get(cmd.name);
      // In rooms a known command works without an @; an unknown one only when addressed.
      if (spec) return spec.roles.includes(ctx.role) ? spec.handle(ctx, cmd.args) : refused(ctx, spec, cmd.args);
      if (isHelpRequest(text) && addressed) return help(ctx);
      return addressed ? unknownCommand(ctx, cmd.name) : undefined;
    }
    for (const f of hooks) if (await f.onText!(ctx)) return;
    if (!addressed) return;
    if (text === '') return greeting(ctx);
    if (isHelpRequest(text)) return help(ctx);
    return ask(ctx);
  }

  async function boundary(ctx: ChatContext, err: unknown): Promise<void> {
    const { msg } = ctx;
    try {
      if (err instanceof PermissionError) {
        await deps.audit.record({ actor: msg.talkerId, actorName: msg.talkerName, action: 'refused', detail: msg.text.slice(0, 200), roomId: msg.roomId, ok: false });
      }
      if (isUserError(err)) return await ctx.reply(err.userMessage);
      deps.logger.error({ err, msgId: msg.id, talkerId: msg.talkerId, roomId: msg.roomId, text: msg.text.slice(0, 200) }, 'inbound message failed');
      if (msg.addressed) await ctx.reply(APOLOGY);
    } catch (again) {
      deps.logger.error({ err: again, msgId: msg.id }, 'could not report a failure to the sender');
    }
  }

  return {
    commands: () => commands,
    async handle(msg) {
      const stored = inbox.record(msg).catch((err: unknown) => deps.logger.warn({ err, msgId: msg.id }, 'inbox record failed'));
      let ctx: ChatContext | undefined;
      try {
        ctx = createContext(msg, deps, await resolveRole(msg));
        await route(ctx);
      } catch (err) {
        await boundary(ctx ?? createContext(msg, deps, 'guest'), err);
      }
      await stored;
    },
  };
}

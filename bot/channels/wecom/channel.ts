// WeCom smart robot (智能机器人) over its long connection: private messages and @-mentions in internal groups in,
// proactive markdown out (the outbox answers later, so replies are pushes too), and reminders with 签到/请假
// buttons as a template card. A click is routed as the member typing that word (the same check-in path), and
// the clicked card is then updated for that member.
import { createHash } from 'node:crypto';
import type { Logger } from '../../../ground/logger.js';
import type { OutboxAction } from '../../../jobs/outbox/types.js';
import { WecomAibotClient } from '../platforms/wecom-aibot.js';
import { accountKeyOf, CHECKIN_ACTIONS, type Channel } from '../channel.js';
import { platformPump, sdkSink } from '../platform-inbound.js';
import { platformTarget, translateLimits } from '../platform-send.js';

export interface WecomChannelConfig {
  botId: string;
  secret: string;
  wsUrl?: string;
  botName: string;
  reconnectIntervalMs?: number;
}

/** Markdown content limit of a push (20480 bytes UTF-8): at most 3 bytes a character. */
const MAX_CHARS = 6000;

/** task_id: unique per robot, ≤ 128 bytes of [A-Za-z0-9_-@]; derived from the message key so a retry reuses it. */
const taskIdOf = (key: string) => `zb_${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;

function buttonCard(taskId: string, text: string, actions: readonly OutboxAction[]) {
  return {
    card_type: 'button_interaction',
    main_title: { title: '支部助手' },
    sub_title_text: text,
    button_list: actions.map((a) => ({ text: a.label, style: 1, key: a.key })),
    task_id: taskId,
  };
}

export async function openWecomChannel(cfg: WecomChannelConfig, logger: Logger): Promise<Channel> {
  const accountKey = accountKeyOf('wecom', cfg.botId);
  const log = logger.child({ mod: 'wecom', account: cfg.botId });
  const client = new WecomAibotClient(
    {
      botId: cfg.botId,
      secret: cfg.secret,
      wsUrl: cfg.wsUrl,
      botName: cfg.botName,
      reconnectIntervalMs: cfg.reconnectIntervalMs,
    },
    sdkSink(log),
  );
  client.sdk.on('reconnecting', (attempt: number) => log.warn({ attempt }, 'wecom: reconnecting'));
  await client.connect();
  log.info('wecom smart robot connected');
  return {
    kind: 'wecom',
    accountId: accountKey,
    capabilities: {
      inbound: true,
      groupDelivery: 'mentions',
      mentions: false,
      buttons: true,
      markdown: true,
      maxTextChars: MAX_CHARS,
      // Not documented for the smart robot; the group-robot figure is a safe pace.
      ratePerMinute: 20,
      rateLimitBackoffMs: 60_000,
    },
    attach(handle, opts) {
      const pump = platformPump(accountKey, handle, opts);
      client.onText((m) => void pump.push(m));
      client.onCardClick((click, frame) => {
        const action = CHECKIN_ACTIONS.find((a) => a.key === click.eventKey);
        if (!action) {
          log.warn({ eventKey: click.eventKey.slice(0, 40) }, 'wecom: unknown card button ignored');
          return;
        }
        const clicked = { ...click, text: action.key, mentionedBot: true };
        pump
          .push(clicked)
          .then(() =>
            client.updateCard(frame, buttonCard(click.taskId, `已收到你的「${action.label}」，结果见群消息。`, []), [
              click.senderId,
            ]),
          )
          .catch((err: unknown) => log.warn({ err: (err as Error).message }, 'wecom: card update failed'));
      });
      return pump.adapter;
    },
    sender: {
      async send(to, text, _mentionIds, extras) {
        const target = platformTarget(to, accountKey);
        await translateLimits(() => {
          if (extras?.actions?.length) {
            return client.pushCard(target.id, buttonCard(taskIdOf(extras.key), text, extras.actions));
          }
          return client.push(target.id, text);
        });
      },
    },
    async stop() {
      client.close();
    },
  };
}

// WeCom group robot webhook (消息推送): outgoing only, one robot per group. Each robot is an account of its own,
// so the outbox paces each at the documented 20 messages a minute; 45009 / 130101 ("too fast", blocked for
// minutes) make that queue back off for minutes, and nothing is dropped. The key is the credential: it is used
// in the request URL only and never logged; the account is named by a hash of it.
import { createHash } from 'node:crypto';
import type { Logger } from '../../../ground/logger.js';
import { WEBHOOK_PER_MINUTE, WecomWebhookClient } from '../platforms/wecom-webhook.js';
import { accountKeyOf, qualify, type Channel } from '../channel.js';
import { platformTarget, translateLimits } from '../platform-send.js';

export interface WebhookRobot {
  /** The branch whose group this robot posts to. */
  branchName: string;
  key: string;
}

/** Stable, non-secret account name of a robot. */
export const webhookAccountOf = (key: string) => `h${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;

/** The one room a webhook robot reaches. */
export const webhookRoomOf = (key: string) => qualify(accountKeyOf('wecom-webhook', webhookAccountOf(key)), 'group');

export function openWebhookChannel(robot: WebhookRobot, logger: Logger, baseUrl?: string): Channel {
  const account = webhookAccountOf(robot.key);
  const accountKey = accountKeyOf('wecom-webhook', account);
  const client = new WecomWebhookClient({ baseUrl });
  const log = logger.child({ mod: 'wecom-webhook', account });
  log.info({ branch: robot.branchName }, 'wecom webhook robot configured');
  return {
    kind: 'wecom-webhook',
    accountId: accountKey,
    capabilities: {
      inbound: false,
      groupDelivery: 'none',
      mentions: true,
      buttons: false,
      markdown: true,
      // 2048 bytes of text: at most 3 bytes a character.
      maxTextChars: 680,
      ratePerMinute: WEBHOOK_PER_MINUTE,
      // 130101 blocks the robot for about 10 minutes.
      rateLimitBackoffMs: 5 * 60_000,
    },
    attach() {
      return { idle: async () => {}, drain: async () => {} };
    },
    sender: {
      async send(to, text, mentionIds) {
        const target = platformTarget(to, accountKey);
        if (target.kind !== 'room') throw new Error('a WeCom webhook robot can only post to its group');
        const mentions = mentionIds.map((id) => id.split(':').pop() ?? id);
        await translateLimits(() => client.sendText(robot.key, text, mentions));
      },
    },
    async stop() {},
  };
}

// Feishu (Lark) bot over the long connection: events are acknowledged as soon as they arrive (the platform
// re-pushes anything not acked within 3 s) and answered later through the outbox; re-pushes are dropped by
// message id. Sends carry a uuid derived from the outbox message key, so a retried send is never posted twice.
import { createHash } from 'node:crypto';
import type { Logger } from '../../../ground/logger.js';
import { FeishuClient } from '../platforms/feishu.js';
import type { PlatformInbound } from '../platforms/sdk-log.js';
import { accountKeyOf, type Channel } from '../channel.js';
import { platformPump, sdkSink } from '../platform-inbound.js';
import { platformTarget, translateLimits } from '../platform-send.js';

export interface FeishuChannelConfig {
  appId: string;
  appSecret: string;
  domain?: string;
  /** The app has the "获取群组中所有消息" permission: every group message arrives, not only @-mentions. */
  allGroupMessages?: boolean;
}

/** uuid: ≤ 50 characters; the same message part always gets the same one. */
const uuidOf = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 40);

export async function openFeishuChannel(cfg: FeishuChannelConfig, logger: Logger): Promise<Channel> {
  const accountKey = accountKeyOf('feishu', cfg.appId);
  const log = logger.child({ mod: 'feishu', account: cfg.appId });
  const client = new FeishuClient({ appId: cfg.appId, appSecret: cfg.appSecret, domain: cfg.domain }, sdkSink(log));
  let route: ((m: PlatformInbound) => void) | undefined;
  client.onText((m) => route?.(m));
  await client.connect();
  log.info('feishu long connection ready');
  return {
    kind: 'feishu',
    accountId: accountKey,
    capabilities: {
      inbound: true,
      groupDelivery: cfg.allGroupMessages ? 'all' : 'mentions',
      mentions: false,
      buttons: false,
      markdown: false,
      maxTextChars: 4000,
      // 5 messages a second per group; the outbox stays well under it.
      ratePerMinute: 60,
      rateLimitBackoffMs: 30_000,
    },
    attach(handle, opts) {
      const pump = platformPump(accountKey, handle, opts);
      route = (m) => void pump.push(m);
      return pump.adapter;
    },
    sender: {
      async send(to, text, _mentionIds, extras) {
        const target = platformTarget(to, accountKey);
        const uuid = extras ? uuidOf(extras.key) : undefined;
        await translateLimits(() => client.push(target.id, text, target.kind === 'room' ? 'chat_id' : 'open_id', uuid));
      },
    },
    async stop() {
      route = undefined;
      client.close();
    },
  };
}

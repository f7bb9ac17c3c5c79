// DingTalk robot in Stream mode: private messages and @-mentions in groups in over the long connection (each
// acknowledged at once), proactive texts out through the robot OpenAPI (the outbox answers later, so replies
// are pushes too).
//
// Containing the SDK's crash: dingtalk-stream 2.1.5 JSON.parses every frame inside its socket handler without a
// guard, so one malformed frame would throw out of the event loop and kill the bot. The client's frame handler
// (onDownStream, which the socket listener looks up on the instance at each frame) is wrapped on this instance:
// a frame that throws is logged and dropped, the connection stays up. The SDK code itself is untouched.
// Reconnect: the SDK retries every second forever; the same instance hook doubles that pause per failed
// attempt up to 30 s, resets it once connected, and stops the previous connection's keep-alive timer (the SDK
// leaves one running per reconnect).
import type { Logger } from '../../../ground/logger.js';
import { DingtalkStreamClient } from '../platforms/dingtalk-stream.js';
import { redact } from '../platforms/sdk-log.js';
import { accountKeyOf, type Channel } from '../channel.js';
import { platformPump, sdkSink } from '../platform-inbound.js';
import { platformTarget, translateLimits } from '../platform-send.js';

export interface DingtalkChannelConfig {
  clientId: string;
  clientSecret: string;
  robotCode?: string;
  apiBase?: string;
  /** First reconnect pause (default 1 s), doubled per failed attempt up to 30 s. */
  reconnectIntervalMs?: number;
}

interface SdkInternals {
  onDownStream(data: string): void;
  connect(): Promise<void>;
  reconnectInterval: number;
  connected: boolean;
  heartbeatIntervallId?: NodeJS.Timeout;
}

const MAX_BACKOFF_MS = 30_000;

function guard(client: DingtalkStreamClient, log: Logger, secret: string, baseMs: number): void {
  const sdk = client.sdk as unknown as SdkInternals;
  const onDownStream = sdk.onDownStream.bind(sdk);
  sdk.onDownStream = (data: string) => {
    try {
      onDownStream(data);
    } catch (err) {
      log.warn(
        { err: redact((err as Error).message, [secret]), bytes: String(data).length },
        'dingtalk: bad frame ignored',
      );
    }
  };
  const connect = sdk.connect.bind(sdk);
  sdk.reconnectInterval = baseMs;
  let failures = 0;
  sdk.connect = async () => {
    // The SDK keeps a keep-alive timer per connection and clears only on disconnect(): drop the old one first.
    clearInterval(sdk.heartbeatIntervallId);
    // A failing attempt schedules the next one itself with reconnectInterval: set it before the attempt.
    sdk.reconnectInterval = Math.min(baseMs * 2 ** (failures + 1), MAX_BACKOFF_MS);
    await connect();
    if (sdk.connected) {
      failures = 0;
      sdk.reconnectInterval = baseMs;
    } else {
      failures++;
      log.warn({ nextMs: sdk.reconnectInterval }, 'dingtalk: connect failed, retrying');
    }
  };
}

export async function openDingtalkChannel(cfg: DingtalkChannelConfig, logger: Logger): Promise<Channel> {
  const accountKey = accountKeyOf('dingtalk', cfg.clientId);
  const log = logger.child({ mod: 'dingtalk', account: cfg.clientId });
  const client = new DingtalkStreamClient(
    { clientId: cfg.clientId, clientSecret: cfg.clientSecret, robotCode: cfg.robotCode, apiBase: cfg.apiBase },
    sdkSink(log),
  );
  guard(client, log, cfg.clientSecret, cfg.reconnectIntervalMs ?? 1000);
  let route: ((m: Parameters<Parameters<DingtalkStreamClient['onText']>[0]>[0]) => void) | undefined;
  // Registered before connecting: the subscription list is sent with the connection request.
  client.onText((m) => route?.(m));
  await client.connect();
  log.info('dingtalk stream connected');
  return {
    kind: 'dingtalk',
    accountId: accountKey,
    capabilities: {
      inbound: true,
      groupDelivery: 'mentions',
      mentions: false,
      buttons: false,
      markdown: true,
      maxTextChars: 2000,
      // Robots: 20 messages a minute per group, then throttled for about 10 minutes.
      ratePerMinute: 20,
      rateLimitBackoffMs: 60_000,
    },
    attach(handle, opts) {
      const pump = platformPump(accountKey, handle, opts);
      route = (m) => void pump.push(m);
      return pump.adapter;
    },
    sender: {
      async send(to, text) {
        const target = platformTarget(to, accountKey);
        await translateLimits(() =>
          target.kind === 'room' ? client.pushGroup(target.id, text) : client.pushPrivate([target.id], text),
        );
      },
    },
    async stop() {
      route = undefined;
      client.close();
    },
  };
}

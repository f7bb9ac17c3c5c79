// What the DingTalk channel adds around dingtalk-stream 2.1.5, against the fake gateway and stream server:
// a malformed frame (which would throw out of the SDK's socket handler and kill the process) is logged and
// dropped; reconnects back off (the SDK alone retries every second forever), and reset once connected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../ground/logger.js';
import type { Channel } from '../../../bot/channels/channel.js';
import { openDingtalkChannel } from '../../../bot/channels/dingtalk/channel.js';
import { systemClock } from '../../../ground/clock.js';
import type { InboundMessage } from '../../../bot/types.js';
import { Recorder } from '../../helpers/platforms/recorder.js';
import {
  startDingtalkStreamServer,
  type DingtalkStreamServer,
} from '../../helpers/platforms/dingtalk-stream-server.js';

let fake: DingtalkStreamServer;
let channel: Channel;
const logs: string[] = [];
const inbound = new Recorder<InboundMessage>();
const saved: Record<string, string | undefined> = {};
const BASE_MS = 150;

beforeAll(async () => {
  fake = await startDingtalkStreamServer({ clientSecret: 'dingtalk-backoff-secret-77' });
  for (const [k, v] of Object.entries(fake.sdkEnv())) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  const logger = createLogger('info', { write: (l: string) => void logs.push(l) });
  channel = await openDingtalkChannel(
    { clientId: fake.clientId, clientSecret: fake.clientSecret, apiBase: fake.baseUrl, reconnectIntervalMs: BASE_MS },
    logger,
  );
  channel.attach(async (m) => inbound.push(m), { botName: '支部助手', clock: systemClock, logger });
});
afterAll(async () => {
  await channel?.stop();
  await fake?.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('DingTalk channel', () => {
  it('survives a malformed frame and a frame without headers, logging each', async () => {
    fake.sendMalformed();
    fake.sendMalformed('{"specVersion":"1.0","type":"CALLBACK"}');
    const id = fake.pushPrivateText({ staffId: 'staff-1', nick: '张三' }, '还在吗');
    const m = await inbound.waitFor((x) => x.id === `dingtalk:${fake.clientId}:${id}`);
    expect(m).toMatchObject({ text: '还在吗', talkerId: `dingtalk:${fake.clientId}:staff-1`, addressed: true });
    expect(logs.filter((l) => l.includes('bad frame ignored'))).toHaveLength(2);
  });

  it('backs off between failed reconnects (doubling from the base), then reconnects and resets', async () => {
    const before = fake.gatewayCalls.items.length;
    fake.failNextGatewayCalls(3);
    fake.dropConnection();
    // Three refused gateway calls, then one accepted.
    await fake.gatewayCalls.waitFor((c) => c.ok && fake.gatewayCalls.items.indexOf(c) >= before + 3, 20_000);
    const calls = fake.gatewayCalls.items.slice(before, before + 4);
    expect(calls.map((c) => c.ok)).toEqual([false, false, false, true]);
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
    // Waits before retries: base·2, base·4, base·8 (lower bounds only: a busy machine adds, never removes).
    expect(gaps[0]).toBeGreaterThanOrEqual(BASE_MS * 2 - 20);
    expect(gaps[1]).toBeGreaterThanOrEqual(BASE_MS * 4 - 20);
    expect(gaps[2]).toBeGreaterThanOrEqual(BASE_MS * 8 - 20);
    expect(logs.some((l) => l.includes('dingtalk: connect failed, retrying'))).toBe(true);
    const id = fake.pushGroupText('cid-g', { staffId: 'staff-2', nick: '李四' }, '签到');
    await inbound.waitFor((x) => x.id === `dingtalk:${fake.clientId}:${id}`, 10_000);
    expect(logs.join('\n')).not.toContain('dingtalk-backoff-secret-77');
  });
});

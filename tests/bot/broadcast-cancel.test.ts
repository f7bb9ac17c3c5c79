// /广播 取消 while a broadcast is half-way out: rooms not yet sent are withdrawn and counted as skipped,
// the counts in the reply and the report match what the rooms actually received.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcastsFeature } from '../../bot/features/broadcasts.js';
import { rolesFeature } from '../../bot/features/roles.js';
import type { Answerer } from '../../knowledge/types.js';
import { startTestBot, type TestBot } from '../helpers/mock-wechaty.js';
import { ADMIN, broadcastSpec, seedBranches } from '../helpers/broadcast-world.js';

const ROOMS = 50;
const answerer: Answerer = {
  answer: async () => ({ text: '（答案）', citations: [], refused: false, sources: [], mode: 'extractive' }),
};
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({
    spec: broadcastSpec(ROOMS),
    features: [rolesFeature, broadcastsFeature],
    answerer,
    env: { ADMIN_IDS: ADMIN },
    outbox: { ratePerMinute: 300 },
  });
  await seedBranches(bot.app.deps.redis, bot.prefix, ROOMS);
});
afterAll(async () => {
  await bot?.close();
});

const TEXT = '关于开展主题党日活动的通知';
const received = () => bot.said.filter((s) => s.roomId && s.text === TEXT);

describe('/广播 取消', () => {
  it('stops a running broadcast: unsent rooms are skipped and counted, nothing more arrives', async () => {
    bot.post(ADMIN, `/广播 立即 全部 ${TEXT}`);
    await bot.waitFor((s) => s.contactId === ADMIN && /广播预览/.test(s.text));
    bot.post(ADMIN, '确认');
    await bot.waitFor(() => received().length >= 8, 15_000);
    bot.post(ADMIN, '/广播 取消 1');
    const reply = await bot.waitFor((s) => s.contactId === ADMIN && /已取消广播 #1/.test(s.text));
    const report = await bot.waitFor((s) => s.contactId === ADMIN && /发送报告/.test(s.text), 15_000);
    await bot.quietFor(1500);
    const got = received();
    const m = /已发送 (\d+)，失败 (\d+)，跳过 (\d+)/.exec(report.text)!;
    const [sent, failed, skipped] = [Number(m[1]), Number(m[2]), Number(m[3])];
    expect(report.text).toContain('（已取消）');
    expect(got.length).toBe(sent);
    expect(new Set(got.map((s) => s.roomId)).size).toBe(sent);
    expect(failed).toBe(0);
    expect(sent + skipped).toBe(ROOMS);
    expect(sent).toBeGreaterThanOrEqual(8);
    expect(skipped).toBeGreaterThanOrEqual(30);
    // The reply at cancel time already counted the skipped rooms (one may still have been in flight).
    const r = /已发送 (\d+) 个群，跳过 (\d+) 个群/.exec(reply.text)!;
    expect(Number(r[2])).toBeGreaterThanOrEqual(skipped - 1);
    const status = await bot.app.deps.redis.hget(`${bot.prefix}broadcast:1`, 'status');
    expect(status).toBe('cancelled');
    const audit = (await bot.app.deps.audit.list()).find((a) => a.action === 'broadcast.cancel');
    expect(audit?.actor).toBe(ADMIN);
  });
});

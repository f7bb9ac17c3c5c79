// The puppet fails under the outbox: every send to a group throws, or the platform answers 操作过于频繁 for a
// while. Attempts are counted per message and over time at the puppet boundary: retries follow the designed
// exponential back-off and stop at the attempt limit, dead letters are reported to each admin once, rate
// limiting backs off (doubling) without spending attempts, nothing spins in a tight loop, and nothing is lost
// or sent twice once the puppet recovers. Real Wechaty (mock puppet), Redis and BullMQ.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../../knowledge/types.js';
import { startTestBot, type TestBot } from '../helpers/mock-wechaty.js';

const ROOM = 'room-1@chatroom';
const ATTEMPTS = 3;
const BACKOFF_MS = 200;
const RATE_LIMIT_BACKOFF_MS = 200;
const answerer: Answerer = {
  answer: async (q) => ({
    text: `答：${q}（《实施方案》第16条）`,
    citations: [],
    refused: false,
    sources: [],
    mode: 'extractive',
  }),
};

let t: TestBot;
let mode: 'ok' | 'throw' | 'throttle' = 'ok';
const calls: Array<{ to: string; text: string; at: number; ok: boolean }> = [];

beforeAll(async () => {
  t = await startTestBot({
    answerer,
    env: { ADMIN_IDS: 'wxid_wang,wxid_li', QUESTION_RATE_PER_MIN: '100' },
    outbox: { attempts: ATTEMPTS, backoffMs: BACKOFF_MS, rateLimitBackoffMs: RATE_LIMIT_BACKOFF_MS },
  });
  const puppet = t.app.wechat!.bot.puppet;
  const original = puppet.messageSendText.bind(puppet);
  puppet.messageSendText = async (to: string, text: string, mentionIds?: string[]) => {
    const failing = to === ROOM && mode !== 'ok';
    calls.push({ to, text, at: Date.now(), ok: !failing });
    if (failing && mode === 'throw') throw new Error('puppet: connection reset');
    if (failing && mode === 'throttle') throw new Error('操作过于频繁，请稍后再试');
    return original(to, text, mentionIds);
  };
});
afterAll(async () => {
  await t?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('outbox over a failing puppet', () => {
  it('a send that always throws: 3 attempts per message with exponential gaps, then one dead-letter notice per admin', async () => {
    calls.length = 0;
    mode = 'throw';
    const questions = ['问题甲', '问题乙', '问题丙', '问题丁'];
    for (const [i, q] of questions.entries()) t.ask(['张三', '李四', '王五', '赵六'][i]!, ROOM, q);
    for (const q of questions)
      for (const admin of ['wxid_wang', 'wxid_li'])
        await t.waitFor((s) => s.contactId === admin && s.text.includes('【发送失败】') && s.text.includes(q), 15_000);
    // A quiet window after the last notice: nothing else is attempted (no tight loop, no retries past the limit).
    const settled = calls.length;
    await sleep(1500);
    expect(calls.length).toBe(settled);
    for (const q of questions) {
      const tries = calls.filter((c) => c.to === ROOM && c.text.includes(q));
      expect(tries, q).toHaveLength(ATTEMPTS);
      const gaps = tries.slice(1).map((c, i) => c.at - tries[i]!.at);
      // BullMQ exponential back-off: 200 ms, then 400 ms (a little slack for the timer, never shorter).
      gaps.forEach((g, i) => expect(g, `${q} gap ${i + 1}`).toBeGreaterThanOrEqual(BACKOFF_MS * 2 ** i - 20));
    }
    const dead = await t.app.outbox.deadLetters();
    expect(dead.filter((d) => d.error === 'puppet: connection reset')).toHaveLength(questions.length);
    // Exactly one notice per admin per dead letter, and the notices themselves were sent once.
    for (const admin of ['wxid_wang', 'wxid_li'])
      expect(t.saidTo(admin).filter((s) => s.text.includes('【发送失败】'))).toHaveLength(questions.length);
    expect(t.saidIn(ROOM)).toEqual([]);
  }, 30_000);

  it('操作过于频繁 for 2.5 s: doubling back-off, few attempts, then every reply delivered once and in order', async () => {
    calls.length = 0;
    mode = 'throttle';
    const t0 = Date.now();
    const questions = ['第一个问题', '第二个问题', '第三个问题'];
    for (const q of questions) t.ask('王五', ROOM, q);
    await sleep(2500);
    mode = 'ok';
    const throttled = calls.filter((c) => !c.ok);
    // 200, 400, 800, 1600 ms apart: at most 5 attempts in 2.5 s (a tight loop would make hundreds).
    expect(throttled.length).toBeGreaterThanOrEqual(2);
    expect(throttled.length).toBeLessThanOrEqual(5);
    const gaps = throttled.slice(1).map((c, i) => c.at - throttled[i]!.at);
    process.stdout.write(
      `[puppet-failures] 操作过于频繁 for 2.5 s: ${throttled.length} attempts, gaps ${gaps.join(', ')} ms\n`,
    );
    gaps.forEach((g, i) =>
      expect(g, `throttle gap ${i + 1}`).toBeGreaterThanOrEqual(RATE_LIMIT_BACKOFF_MS * 2 ** i - 20),
    );
    await t.waitFor((s) => s.roomId === ROOM && s.text.includes(questions.at(-1)!), 10_000);
    await sleep(500);
    const said = t
      .saidIn(ROOM)
      .filter((s) => s.at >= t0)
      .map((s) => s.text.replace(/\s+/g, ' '));
    expect(said).toEqual(questions.map((q) => `@王五 答：${q}（《实施方案》第16条）`));
    // Rate limiting spends no attempts: nothing new in the dead letters.
    expect((await t.app.outbox.deadLetters()).filter((d) => d.error.includes('频繁'))).toEqual([]);
  }, 30_000);
});

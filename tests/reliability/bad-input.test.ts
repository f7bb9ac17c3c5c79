// 1,200 seeded hostile messages through the real router with every real feature (bot/features.ts), the real
// knowledge core, Redis, BullMQ and Wechaty on the mock puppet (100 of them posted through Wechaty, the rest
// handed to the router directly, ten at a time). Expect: no crash, no unhandled rejection, no internal error
// (nothing logged at error level, no apology), every reply well-formed Chinese text within the outbox's
// per-message limit, and no state change the sender's role does not allow (Redis under the prefix compared
// before and after, ignoring only the bookkeeping keys listed below). Seed: RELIABILITY_SEED.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting } from '../../domains/meetings/ops.js';
import { createMeetingQueue } from '../../domains/meetings/queue.js';
import { createDueBuckets } from '../../store/due-buckets.js';
import { PART_MAX_CHARS } from '../../jobs/outbox/split.js';
import { APOLOGY } from '../../bot/router.js';
import { featureFactories } from '../../bot/features.js';
import type { InboundMessage } from '../../bot/types.js';
import { createStores, type Stores } from '../../store/index.js';
import { badInputs, replyProblems, type BadInput } from '../helpers/bad-input.js';
import { defaultSpec, startTestBot, type TestBot } from '../helpers/mock-wechaty.js';
import { createRng, seededRng } from '../helpers/prng.js';
import { diffSnapshots, snapshot } from '../helpers/redis-snapshot.js';

const ROOM = 'room-1@chatroom';
const OTHER_ROOM = 'room-2@chatroom';
const N_MEMBERS = 1000;
const N_SECRETARY = 200;
const VIA_WECHATY = 100;
// Bookkeeping any message may cause, relative to the prefix:
const IGNORE = [
  /^seen:/, // the inbox: when each talker was last seen
  /^rl:/, // question rate-limit windows
  /^audit$/, // the audit log records every refusal
  /^questions(:salt)?$/, // the question log records every question put to the answerer (and its hashing salt)
  /^outbox:/,
  /^outbox-/, // the replies themselves: outbox sent-markers, day counters, its BullMQ queue
  /^room:(topic|by-topic:)/, // room topics as last seen (for broadcast targets)
  /^member-claim:/, // a /我是 request waiting for the secretary's confirmation (the records are unchanged)
  /^flag:bind-hint:/, // "you are not on the roster" is told once per person
  /^flag:checkin-(before|after):/, // "the check-in window is …" is told once per member and meeting
  /:stalled-check$/, // BullMQ's own timestamp of a worker's last stalled-jobs check
];

const seed = seededRng('bad-input', 'RELIABILITY_SEED', 20261128).seed;
let t: TestBot;
let stores: Stores;
const errors: unknown[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  const spec = defaultSpec();
  spec.contacts.push({ id: 'wxid_admin', name: '管理员' });
  spec.rooms.push({ id: OTHER_ROOM, topic: '新群', memberIds: ['wxid_admin', 'wxid_wang', 'wxid_zhang', 'wxid_sun'] });
  t = await startTestBot({
    spec,
    features: featureFactories,
    env: { ADMIN_IDS: 'wxid_admin', QUESTION_RATE_PER_MIN: '30' },
  });
  stores = createStores(t.app.deps.redis, t.prefix);
  const { branch } = await stores.branches.ensure('第一党支部');
  await stores.branches.bindRoom(branch.id, ROOM);
  for (const [name, wechatId, role] of [
    ['王书记', 'wxid_wang', 'secretary'],
    ['张三', 'wxid_zhang', 'member'],
    ['李四', 'wxid_li', 'member'],
    ['王五', 'wxid_wangwu', 'member'],
    ['赵六', 'wxid_zhao', 'member'],
  ] as const) {
    await stores.members.upsert({ name, branchId: branch.id, role, wechatId });
  }
  await stores.members.upsert({ name: '钱八', branchId: branch.id, role: 'member' }); // on the roster, no WeChat yet
  // Meetings that must not take check-ins: one cancelled and one closed whose windows would be open now,
  // and one scheduled in three days (window not open yet) with its jobs queued.
  const now = Date.now();
  const base = {
    branchId: branch.id,
    type: '党课' as const,
    title: '党课',
    groupOffsets: [3_600_000],
    secretaryOffsets: [],
    closeAfter: 3_600_000,
    escalateBefore: 0,
    createdBy: 'wxid_wang',
  };
  await stores.meetings.create({ ...base, startAt: now + 600_000, status: 'cancelled' }, now);
  await stores.meetings.create({ ...base, startAt: now - 600_000, status: 'closed' }, now);
  const queue = createMeetingQueue(t.app.deps.redis, t.prefix, t.app.deps.logger);
  await createMeeting(
    { stores, queue, buckets: createDueBuckets(t.app.deps.redis, t.prefix), clock: t.app.deps.clock },
    { ...base, startAt: now + 3 * 86_400_000 },
  );
  await queue.close();
  // Count what the router's boundary and the features log as errors (the test bot's logger is silent).
  const logger = t.app.deps.logger as unknown as { error: (...a: unknown[]) => void };
  logger.error = (...a: unknown[]) => void errors.push(a);
  process.on('unhandledRejection', onUnhandled);
}, 60_000);

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await t?.close();
});

interface Sender {
  id: string;
  name: string;
}

function toMessage(input: BadInput, from: Sender, i: number, rng: ReturnType<typeof createRng>): InboundMessage {
  const where = rng.next();
  const roomId = where < 0.6 ? ROOM : where < 0.75 ? OTHER_ROOM : undefined;
  return {
    id: `bad-${seed}-${i}`,
    text: input.text.trim(),
    talkerId: from.id,
    talkerName: from.name,
    ...(roomId ? { roomId, roomTopic: roomId === ROOM ? '第一党支部' : '新群' } : {}),
    addressed: roomId ? rng.chance(0.6) : true,
    timestamp: Date.now(),
  };
}

async function drive(
  inputs: BadInput[],
  senders: Sender[],
  rng: ReturnType<typeof createRng>,
  viaWechaty: number,
): Promise<void> {
  const router = t.app.edge.router;
  const msgs = inputs.map((input, i) => ({ input, from: rng.pick(senders), i }));
  // Some through real Wechaty (adapter: mention parsing, filters) …
  for (const { input, from } of msgs.slice(0, viaWechaty)) {
    const roomId = rng.chance(0.7) ? ROOM : undefined;
    t.post(from.name, input.text, roomId ? { roomId, mentionBot: rng.chance(0.6) } : {});
  }
  // … the rest straight into the router, ten at a time; handle() must never throw.
  const rest = msgs.slice(viaWechaty);
  for (let i = 0; i < rest.length; i += 10) {
    await Promise.all(
      rest.slice(i, i + 10).map(({ input, from, i: n }) => router.handle(toMessage(input, from, n, rng))),
    );
  }
  await t.app.edge.inbound.idle();
  expect(await t.app.outbox.whenIdle(60_000)).toBe(true);
}

function checkReplies(from: number): { count: number; problems: string[] } {
  const replies = t.said.slice(from);
  const problems = replies.flatMap((s) =>
    replyProblems(s.text, PART_MAX_CHARS).map((p) => `${p}: ${JSON.stringify(s.text.slice(0, 120))}`),
  );
  expect(replies.filter((s) => s.text.includes(APOLOGY))).toEqual([]);
  return { count: replies.length, problems };
}

describe('hostile input through the real router', () => {
  it(`${N_MEMBERS} messages from members and a guest: no crash, well-formed replies, no state change beyond bookkeeping`, async () => {
    const rng = createRng(seed);
    const inputs = badInputs(rng, N_MEMBERS);
    const before = await snapshot(t.app.deps.redis, t.prefix, IGNORE);
    const said = t.said.length;
    const senders = [
      { id: 'wxid_zhang', name: '张三' },
      { id: 'wxid_li', name: '李四' },
      { id: 'wxid_wangwu', name: '王五' },
      { id: 'wxid_zhao', name: '赵六' },
      { id: 'wxid_sun', name: '孙七' },
    ];
    await drive(inputs, senders, rng, VIA_WECHATY);
    const after = await snapshot(t.app.deps.redis, t.prefix, IGNORE);
    const { count, problems } = checkReplies(said);
    const kinds = Object.entries(
      inputs.reduce<Record<string, number>>((a, x) => ({ ...a, [x.kind]: (a[x.kind] ?? 0) + 1 }), {}),
    );
    process.stdout.write(
      `[bad-input] members: ${inputs.length} messages (${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}), ${count} replies\n`,
    );
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(diffSnapshots(before, after)).toEqual({ added: [], removed: [], changed: [] });
    // The run exercised the refusals and limits it is about.
    expect(t.said.slice(said).some((s) => s.text.includes('只有'))).toBe(true);
    expect(t.said.slice(said).some((s) => s.text.includes('超过了 2000 字'))).toBe(true);
    // Check-ins reached the cancelled and closed meetings' room and were not taken.
    expect(t.said.slice(said).some((s) => /现在没有正在签到的会议|签到尚未开始|签到已结束/.test(s.text))).toBe(true);
  }, 180_000);

  it(`${N_SECRETARY} malformed commands from the secretary: no crash, well-formed replies, nothing created or changed`, async () => {
    const rng = createRng(seed + 1);
    // Only commands that must fail even for the secretary: drop the few that are valid for that role.
    const valid = /取消 1$|改期 1 |绑定 第一党支部$|^\/我是 |^确认|地点：\n/;
    const inputs = badInputs(rng, N_SECRETARY * 6)
      .filter((x) => x.kind === 'command' && !valid.test(x.text))
      .slice(0, N_SECRETARY);
    const before = await snapshot(t.app.deps.redis, t.prefix, IGNORE);
    const said = t.said.length;
    await drive(inputs, [{ id: 'wxid_wang', name: '王书记' }], rng, 0);
    const after = await snapshot(t.app.deps.redis, t.prefix, IGNORE);
    const { count, problems } = checkReplies(said);
    process.stdout.write(`[bad-input] secretary: ${inputs.length} malformed commands, ${count} replies\n`);
    expect(inputs.length).toBe(N_SECRETARY);
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(diffSnapshots(before, after)).toEqual({ added: [], removed: [], changed: [] });
  }, 120_000);

  it('regression: a reply that echoes control characters or a lone surrogate is sent without them', async () => {
    const n = t.saidIn(ROOM).length;
    t.post('张三', '/我是 \u0000张\u0007\udc00三', { roomId: ROOM });
    const reply = await t.waitFor((s) => s.roomId === ROOM && t.saidIn(ROOM).indexOf(s) >= n);
    expect(reply.text).toContain('名册中没有找到');
    expect(replyProblems(reply.text, PART_MAX_CHARS)).toEqual([]);
    expect(reply.text).toContain('张\ufffd三');
  });

  it('regression: an absurd duration (截止：99999999天) is refused, not stored as a meeting that never closes', async () => {
    const n = t.saidIn(ROOM).length;
    const seq = await t.app.deps.redis.get(`${t.prefix}meeting:seq`);
    t.post('王书记', '/会议 新建 党课 明天9点 截止：99999999天', { roomId: ROOM });
    const reply = await t.waitFor((s) => s.roomId === ROOM && t.saidIn(ROOM).indexOf(s) >= n);
    expect(reply.text).toContain('太长了，时长最多366天');
    expect(await t.app.deps.redis.get(`${t.prefix}meeting:seq`)).toBe(seq);
  });
});

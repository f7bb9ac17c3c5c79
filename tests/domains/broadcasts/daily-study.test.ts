// 每日一学 walks the corpus in document order across runs (a 1.2 s interval stands in for a day),
// quoting each unit with its citation, and starts over only after the whole cycle.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcastsFeature } from '../../../bot/features/broadcasts.js';
import { createBroadcastRuntime, type BroadcastRuntime } from '../../../domains/broadcasts/runtime.js';
import { listStudyUnits } from '../../../knowledge/study-units.js';
import { startTestBot, type TestBot } from '../../helpers/mock-wechaty.js';
import { broadcastSpec, roomId, seedBranches } from '../../helpers/broadcast-world.js';

const corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-study-'));
fs.writeFileSync(
  path.join(corpus, 'xuexi.md'),
  '# 中国共产党支部学习条例\n\n第一章 总则\n\n第一条 党员必须认真学习党的理论。\n\n第二条 党员必须严守党的纪律。\n\n第二章 服务\n\n第三条 党员必须全心全意为人民服务。\n',
);
let bot: TestBot;
let rt: BroadcastRuntime;

beforeAll(async () => {
  bot = await startTestBot({
    spec: broadcastSpec(2),
    features: [broadcastsFeature],
    env: { CORPUS_DIR: corpus },
    answerer: { answer: async () => ({ text: '', citations: [], refused: false, sources: [], mode: 'extractive' }) },
  });
  await seedBranches(bot.app.deps.redis, bot.prefix, 2);
  const d = bot.app.deps;
  rt = createBroadcastRuntime(d, { botId: d.botId });
});
afterAll(async () => {
  await rt?.close();
  await bot?.close();
  fs.rmSync(corpus, { recursive: true, force: true });
});

describe('每日一学', () => {
  it('pushes the next clause each run, in order, with its citation, and wraps after the cycle', async () => {
    const units = await listStudyUnits(corpus);
    expect(units.map((u) => u.clause)).toEqual(['第一条', '第二条', '第三条']);
    const b = await rt.service.create({
      kind: 'daily-study',
      text: '每日一学',
      studyDocs: [],
      targets: ['全部'],
      rooms: [roomId(1), roomId(2)],
      schedule: { type: 'every', everyMs: 1200 },
      createdBy: 'cli:test',
      createdAt: Date.now(),
    });
    const study = (room: string) => bot.saidIn(room).filter((s) => s.text.startsWith('【每日一学】'));
    await bot.waitFor(() => study(roomId(1)).length >= 4 && study(roomId(2)).length >= 4, 20_000);
    await rt.service.cancel(b.id, { id: 'cli:test' });
    for (const room of [roomId(1), roomId(2)]) {
      const texts = study(room)
        .slice(0, 4)
        .map((s) => s.text);
      expect(texts[0]).toMatch(
        /^【每日一学】《支部学习条例》第一条（1\/3）\n“第一条\u3000党员必须认真学习党的理论。”\n——摘自《中国共产党支部学习条例》第一章\u3000总则$/,
      );
      expect(texts[1]).toContain('第二条（2/3）');
      expect(texts[2]).toContain('第三条（3/3）');
      expect(texts[2]).toMatch(/第二章\s*服务/);
      expect(texts[3]).toContain('第一条（1/3）');
    }
    const runs = Number(await bot.app.deps.redis.hget(`${bot.prefix}broadcast:${b.id}`, 'runs'));
    expect(runs).toBeGreaterThanOrEqual(4);
  }, 40_000);
});

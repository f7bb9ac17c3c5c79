// Every question reaching the answerer is recorded after the reply (asker hashed, outcome, citations, branch);
// `zhibu questions` lists them in Chinese, filtered by outcome and branch.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../ground/config.js';
import type { Answer, Answerer } from '../../knowledge/types.js';
import type { QuestionRecord } from '../../store/question-log.js';
import { seedRoster, startTestBot, type TestBot } from '../helpers/mock-wechaty.js';
import { testRedisUrl } from '../helpers/redis.js';

const ROOM = 'room-1@chatroom';
const run = promisify(execFile);
const answerer: Answerer = {
  async answer(q): Promise<Answer> {
    if (q.includes('津贴'))
      return {
        text: '文件没有规定具体金额。',
        citations: [{ doc: '《实施方案》', clause: '第17条', quote: '建立党员关爱资金' }],
        refused: true,
        sources: [],
        mode: 'not-stated',
      };
    if (q.includes('天气')) return { text: '抱歉', citations: [], refused: true, sources: [], mode: 'refusal' };
    const quote = '预备党员的预备期为一年';
    return {
      text: `《党章》第七条：“${quote}”。`,
      citations: [{ doc: '《党章》', clause: '第七条', quote }],
      refused: false,
      sources: [],
      mode: 'extractive',
    };
  },
};

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ answerer });
  await seedRoster(t, ROOM, [['wxid_zhang', '张三']]);
});
afterAll(async () => {
  await t.close();
});

async function logged(n: number): Promise<QuestionRecord[]> {
  for (let i = 0; i < 100; i++) {
    const rows = await t.app.deps.stores.questions.list();
    if (rows.length >= n) return rows;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`question log never reached ${n} entries`);
}

const zhibu = (...args: string[]) =>
  run(process.execPath, [path.join(PROJECT_ROOT, 'bin/zhibu.js'), 'questions', ...args], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: t.prefix,
      LOG_LEVEL: 'silent',
      TZ: 'Asia/Shanghai',
    },
    timeout: 60_000,
  });

describe('question log', () => {
  it('records each answered, not-stated and refused question with where it came from', async () => {
    t.ask('张三', ROOM, '预备期多长');
    await t.waitFor((s) => s.roomId === ROOM && s.text.includes('第七条'));
    t.ask('张三', ROOM, '支部书记每月津贴多少');
    await t.waitFor((s) => s.roomId === ROOM && s.text.includes('没有规定'));
    t.post('孙七', '明天天气怎么样');
    await t.waitFor((s) => s.contactId === 'wxid_sun');
    const rows = await logged(3);
    expect(rows.map((r) => [r.question, r.outcome, r.channel])).toEqual([
      ['预备期多长', 'answer', 'group'],
      ['支部书记每月津贴多少', 'not-stated', 'group'],
      ['明天天气怎么样', 'refusal', 'private'],
    ]);
    const branch = await t.app.deps.stores.branches.getByName('第一党支部');
    expect(rows[0]!.branchId).toBe(branch!.id);
    expect(rows[2]!.branchId).toBeUndefined();
    expect(rows[0]!.cited).toEqual(['《党章》第七条']);
    expect(rows[0]!.asker).toBe(rows[1]!.asker);
    expect(rows[0]!.asker).not.toContain('wxid');
    expect(rows.every((r) => r.ms >= 0)).toBe(true);
  });

  it('zhibu questions lists them; --unanswered and --branch filter; an unknown branch is a Chinese error', async () => {
    await logged(3);
    const all = await zhibu('--since', '1h');
    expect(all.stdout.trim().split('\n')).toHaveLength(3);
    expect(all.stdout).toContain('已答');
    expect(all.stdout).toContain('引用：《党章》第七条');
    expect(all.stderr).toContain('共 3 个问题，其中文件没能回答 2 个');
    const open = await zhibu('--since', '1h', '--unanswered');
    expect(open.stdout).not.toContain('预备期多长');
    expect(open.stdout).toContain('未载明');
    expect(open.stdout).toContain('拒答');
    const branch = await zhibu('--since', '1h', '--unanswered', '--branch', '第一党支部');
    expect(branch.stdout.trim().split('\n')).toEqual([expect.stringContaining('支部书记每月津贴多少')]);
    expect(branch.stdout).toContain('群（第一党支部）');
    const bad = await zhibu('--branch', '第九党支部').catch((e: { stderr: string; code: number }) => e);
    expect((bad as { code: number }).code).toBe(2);
    expect((bad as { stderr: string }).stderr).toContain('没有名为“第九党支部”的支部');
  }, 90_000);
});

// Roster import from CSV and XLSX (through the real `zhibu roster import` command too): accepted and
// rejected rows with reasons; nickname-free binding by WeChat id when the file has one.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../ground/config.js';
import { createStores, type Stores } from '../../store/index.js';
import { formatRosterReport, importRoster, readRosterFile } from '../../store/roster-import.js';
import { connectTestRedis, deletePrefix, randomPrefix, testRedisUrl } from '../helpers/redis.js';

const run = promisify(execFile);
const redis = connectTestRedis();
const prefix = randomPrefix();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-roster-'));
let stores: Stores;

beforeAll(() => {
  stores = createStores(redis, prefix);
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const CSV = [
  '\uFEFF姓名,支部,角色,微信号,手机,状态',
  '王书记,第一党支部,支部书记,wx_wang,13800000000,在册',
  '张三,第一党支部,党员,,,',
  '"李四",第一党支部,党员,wx_li,,在册',
  ',第一党支部,党员,,,',
  '张三,第一党支部,党员,,,',
  '赵六,,党员,,,',
  '钱七,第二党支部,宣传委员,,,',
  '孙八,第二党支部,党员,wx_li,,',
  '周九,第二党支部,党员,,,转出',
].join('\r\n');

describe('roster import', () => {
  it('accepts valid rows, rejects the rest with reasons (CSV)', async () => {
    const file = path.join(dir, 'roster.csv');
    fs.writeFileSync(file, CSV);
    const report = await importRoster(stores, await readRosterFile(file));
    expect(report.accepted.map((a) => a.name)).toEqual(['王书记', '张三', '李四', '周九']);
    expect(report.rejected.map((r) => [r.line, r.reason])).toEqual([
      [5, '缺少姓名'],
      [6, '与前面的行重复：第一党支部 张三'],
      [7, '缺少支部（可用 --branch 指定默认支部）'],
      [8, '角色“宣传委员”无法识别（党员 / 书记）'],
      [9, '微信号 wx_li 与前面的行重复'],
    ]);
    expect(report.branchesCreated).toEqual(['第一党支部', '第二党支部']);
    const first = (await stores.branches.getByName('第一党支部'))!;
    expect(first.secretaries).toEqual(['wx_wang']);
    expect((await stores.members.getByWechat('wx_li'))?.name).toBe('李四');
    expect((await stores.members.findByName('周九'))[0]?.status).toBe('inactive');
  });

  it('reads XLSX through `zhibu roster import` and reports in Chinese', async () => {
    const file = path.join(dir, 'roster.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['姓名', '角色', '微信号']);
    ws.addRow(['吴十', '党员', 'wx_wu']);
    ws.addRow(['郑十一', '书记', '']);
    ws.addRow(['X', '党员', '']);
    await wb.xlsx.writeFile(file);
    const env = { ...process.env, REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, LOG_LEVEL: 'silent' };
    const out = await run(process.execPath, ['bin/zhibu.js', 'roster', 'import', file, '--branch', '第三党支部'], {
      cwd: PROJECT_ROOT,
      env,
    }).catch((e: { stdout: string; code: number }) => e);
    expect(out.stdout).toContain('接受 2 行（新增 2，更新 0），拒绝 1 行');
    expect(out.stdout).toContain('第 4 行：姓名“X”格式不对');
    expect((await stores.members.getByWechat('wx_wu'))?.name).toBe('吴十');
    const third = (await stores.branches.getByName('第三党支部'))!;
    expect((await stores.members.listByBranch(third.id)).map((m) => m.name)).toEqual(['吴十', '郑十一']);
  }, 30_000);
});

describe('roster import conflicts and the dry run (issue #14, item 4)', () => {
  it('rejects a row carrying another member’s WeChat id, with a Chinese reason, and unbinds nobody', async () => {
    const { branch } = await stores.branches.ensure('第七党支部');
    await stores.members.upsert({ name: '冯一', branchId: branch.id, wechatId: 'wx_feng' });
    const report = await importRoster(stores, [
      ['姓名', '支部', '微信号'],
      ['陈二', '第八党支部', 'wx_feng'],
    ]);
    expect(report.accepted).toEqual([]);
    expect(report.rejected.map((r) => r.reason)).toEqual([
      '微信号 wx_feng 已绑定给第七党支部的冯一，不能再分配给陈二（如确需更换，请先解除原绑定）',
    ]);
    expect((await stores.members.getByWechat('wx_feng'))?.name).toBe('冯一');
    expect(await stores.branches.getByName('第八党支部')).toBeUndefined();
  });

  it('a dry run reports exactly what the real run does, says so, and writes nothing', async () => {
    const { branch } = await stores.branches.ensure('第九党支部');
    await stores.members.upsert({ name: '蒋一', branchId: branch.id, wechatId: 'wx_j1' });
    const rows = [
      ['姓名', '支部', '角色', '微信号'],
      ['蒋一', '第九党支部', '党员', 'wx_j2'], // moves off wx_j1 …
      ['沈二', '第九党支部', '党员', 'wx_j1'], // … which is still 蒋一's before the import: rejected in both
      ['韩三', '第十党支部', '书记', ''],
      ['韩三', '第十党支部', '党员', ''],
      ['杨四', '第十党支部', '党员', 'wx_j2'],
    ];
    const before = await redis.keys(`${prefix}*`);
    const dry = await importRoster(stores, rows, { dryRun: true });
    expect((await redis.keys(`${prefix}*`)).sort()).toEqual(before.sort());
    const real = await importRoster(stores, rows);
    expect({ ...dry, dryRun: false }).toEqual(real);
    expect(real.accepted.map((a) => [a.name, a.created])).toEqual([
      ['蒋一', false],
      ['韩三', true],
    ]);
    expect(real.rejected.map((r) => r.line)).toEqual([3, 5, 6]);
    expect(real.branchesCreated).toEqual(['第十党支部']);
    const text = formatRosterReport(dry);
    expect(text).toContain('试运行');
    expect(text).not.toContain('导入完成');
    expect(formatRosterReport(real)).toContain('导入完成：接受 2 行（新增 1，更新 1），拒绝 3 行');
  });

  it('`zhibu roster import --dry-run` says it is a dry run and changes nothing', async () => {
    const file = path.join(dir, 'dry.csv');
    fs.writeFileSync(file, '姓名,支部,微信号\n朱五,第十一党支部,wx_zhu\n');
    const env = { ...process.env, REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, LOG_LEVEL: 'silent' };
    const out = await run(process.execPath, ['bin/zhibu.js', 'roster', 'import', file, '--dry-run'], {
      cwd: PROJECT_ROOT,
      env,
    });
    expect(out.stdout).toContain('试运行（未写入任何数据）：正式导入将接受 1 行（新增 1，更新 0），拒绝 0 行');
    expect(out.stdout).not.toContain('导入完成');
    expect(await stores.branches.getByName('第十一党支部')).toBeUndefined();
  }, 30_000);
});

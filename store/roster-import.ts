// Roster import (CSV or XLSX with a header row): validates every row, upserts members, reports
// accepted and rejected rows with reasons. Headers may be Chinese (姓名, 支部, 角色, 微信号, 手机, 状态), plus optional
// verified directory ids (企业微信userid, 钉钉userid, 飞书user_id, 飞书open_id): a member speaking on that platform is
// recognised by them without a /我是 claim.
import fs from 'node:fs';
import { parseCsv } from './csv.js';
import type { Stores } from './index.js';
import { DIRECTORY_KINDS, type DirectoryIds, type DirectoryKind, type MemberRole, type MemberStatus } from './types.js';

export interface RosterReport {
  accepted: Array<{ line: number; name: string; branch: string; created: boolean }>;
  rejected: Array<{ line: number; reason: string; raw: string }>;
  branchesCreated: string[];
  /** Nothing was written: the report says what the real run will do. */
  dryRun: boolean;
}

const HEADERS: Record<string, string[]> = {
  name: ['姓名', 'name', '名字'],
  branch: ['支部', 'branch', '所在支部', '党支部'],
  role: ['角色', 'role', '职务'],
  wechatId: ['微信号', '微信id', 'wechat', 'wechat_id', 'wxid', '微信'],
  phone: ['手机', '电话', 'phone', '手机号'],
  status: ['状态', 'status'],
  wecom: ['企业微信userid', '企业微信账号', '企微userid', 'wecom_userid'],
  dingtalk: ['钉钉userid', '钉钉staffid', 'dingtalk_userid', 'dingtalk_staffid'],
  'feishu-user': ['飞书user_id', '飞书userid', 'feishu_user_id'],
  'feishu-open': ['飞书open_id', '飞书openid', 'feishu_open_id'],
};

/** How each directory is named in a rejected row's reason. */
const DIRECTORY_LABELS: Record<DirectoryKind, string> = {
  wecom: '企业微信 userid',
  dingtalk: '钉钉 userid',
  'feishu-user': '飞书 user_id',
  'feishu-open': '飞书 open_id',
};

/** The roster's header help, shown by the CLI and the console. */
export const ROSTER_HEADER_HELP =
  '姓名、支部、角色、微信号、手机、状态；可选：企业微信userid、钉钉userid、飞书user_id、飞书open_id（按这些 id 自动识别本人，无需 /我是）';

export async function readRosterFile(file: string): Promise<string[][]> {
  if (!fs.existsSync(file)) throw new Error(`找不到文件：${file}`);
  if (/\.xlsx$/i.test(file)) {
    // Loaded for an import only: exceljs costs ~28 MB of RSS in a process that never reads a workbook.
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0];
    if (!sheet) return [];
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push(values.map((v) => cellText(v)));
    });
    return rows;
  }
  return parseCsv(fs.readFileSync(file, 'utf8'));
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && v && 'text' in v) return String((v as { text: unknown }).text);
  if (typeof v === 'object' && v && 'result' in v) return String((v as { result: unknown }).result);
  return String(v).trim();
}

function roleOf(text: string): MemberRole | undefined {
  if (!text || /^(党员|普通党员|member|预备党员|正式党员)$/i.test(text)) return 'member';
  if (/书记|secretary/i.test(text)) return 'secretary';
  return undefined;
}

function statusOf(text: string): MemberStatus | undefined {
  if (!text || /^(在册|正常|active|有效)$/i.test(text)) return 'active';
  if (/停用|转出|inactive|失联|出党/i.test(text)) return 'inactive';
  return undefined;
}

interface PlannedRow {
  line: number;
  name: string;
  branch: string;
  role: MemberRole;
  status: MemberStatus;
  wechatId?: string;
  directoryIds?: DirectoryIds;
  phone?: string;
  created: boolean;
}

/**
 * Plans every row against the records as they are before the import, then (unless dryRun) applies the plan:
 * a dry run reports exactly what the real run does. A WeChat id held by another member is a rejected row,
 * never a silent reassignment.
 */
export async function importRoster(
  stores: Stores,
  rows: string[][],
  opts: { defaultBranch?: string; dryRun?: boolean } = {},
): Promise<RosterReport> {
  const report: RosterReport = { accepted: [], rejected: [], branchesCreated: [], dryRun: !!opts.dryRun };
  const [header, ...body] = rows;
  if (!header) return report;
  const col: Record<string, number> = {};
  header.forEach((h, i) => {
    for (const [field, names] of Object.entries(HEADERS)) if (names.includes(h.trim().toLowerCase())) col[field] ??= i;
  });
  if (col.name === undefined) throw new Error(`表头缺少“姓名”列（现有：${header.join('、')}）`);
  const seen = new Set<string>();
  const seenWx = new Set<string>();
  const seenDir = new Set<string>();
  const plan: PlannedRow[] = [];
  const branchIds = new Map<string, string | undefined>();
  const branchIdOf = async (name: string) => {
    if (!branchIds.has(name)) branchIds.set(name, (await stores.branches.getByName(name))?.id);
    return branchIds.get(name);
  };
  const branchNames = new Map<string, string>();
  for (const [i, row] of body.entries()) {
    const line = i + 2;
    const get = (f: string) => (col[f] !== undefined ? (row[col[f]!] ?? '').trim() : '');
    if (row.every((c) => !c.trim())) continue;
    const reject = (reason: string) => report.rejected.push({ line, reason, raw: row.join(',') });
    const name = get('name');
    const branchName = get('branch') || opts.defaultBranch || '';
    const role = roleOf(get('role'));
    const status = statusOf(get('status'));
    const wechatId = get('wechatId') || undefined;
    if (!name) {
      reject('缺少姓名');
      continue;
    }
    if (!/^[\u4e00-\u9fa5·A-Za-z ]{2,20}$/.test(name)) {
      reject(`姓名“${name}”格式不对`);
      continue;
    }
    if (!branchName) {
      reject('缺少支部（可用 --branch 指定默认支部）');
      continue;
    }
    if (!role) {
      reject(`角色“${get('role')}”无法识别（党员 / 书记）`);
      continue;
    }
    if (!status) {
      reject(`状态“${get('status')}”无法识别（在册 / 停用）`);
      continue;
    }
    if (seen.has(`${branchName}/${name}`)) {
      reject(`与前面的行重复：${branchName} ${name}`);
      continue;
    }
    if (wechatId && seenWx.has(wechatId)) {
      reject(`微信号 ${wechatId} 与前面的行重复`);
      continue;
    }
    const branchId = await branchIdOf(branchName);
    const existing = branchId ? (await stores.members.findByName(name, branchId))[0] : undefined;
    const holder = wechatId ? await stores.members.getByWechat(wechatId) : undefined;
    if (holder && holder.id !== existing?.id) {
      if (!branchNames.has(holder.branchId))
        branchNames.set(holder.branchId, (await stores.branches.get(holder.branchId))?.name ?? '');
      reject(
        `微信号 ${wechatId} 已绑定给${branchNames.get(holder.branchId)}的${holder.name}，不能再分配给${name}（如确需更换，请先解除原绑定）`,
      );
      continue;
    }
    const directoryIds: DirectoryIds = {};
    for (const kind of DIRECTORY_KINDS) if (get(kind)) directoryIds[kind] = get(kind);
    const dirProblem = await directoryConflict(directoryIds, existing?.id, name);
    if (dirProblem) {
      reject(dirProblem);
      continue;
    }
    seen.add(`${branchName}/${name}`);
    if (wechatId) seenWx.add(wechatId);
    for (const [kind, id] of Object.entries(directoryIds)) seenDir.add(`${kind}:${id}`);
    if (!branchId && !report.branchesCreated.includes(branchName)) report.branchesCreated.push(branchName);
    plan.push({
      line,
      name,
      branch: branchName,
      role,
      status,
      wechatId,
      directoryIds: Object.keys(directoryIds).length ? directoryIds : undefined,
      phone: get('phone') || undefined,
      created: !existing,
    });
  }
  return apply();

  /** A directory id repeated in the file or held by another member: the row is rejected, nothing is moved. */
  async function directoryConflict(ids: DirectoryIds, memberId: string | undefined, name: string) {
    for (const kind of DIRECTORY_KINDS) {
      const id = ids[kind];
      if (!id) continue;
      if (!/^[\w.@$:+-]{1,128}$/.test(id)) return `${DIRECTORY_LABELS[kind]}“${id}”格式不对`;
      if (seenDir.has(`${kind}:${id}`)) return `${DIRECTORY_LABELS[kind]} ${id} 与前面的行重复`;
      const holder = await stores.members.getByDirectory(kind, id);
      if (holder && holder.id !== memberId) {
        if (!branchNames.has(holder.branchId))
          branchNames.set(holder.branchId, (await stores.branches.get(holder.branchId))?.name ?? '');
        return `${DIRECTORY_LABELS[kind]} ${id} 已属于${branchNames.get(holder.branchId)}的${holder.name}，不能再分配给${name}（如确需更换，请先在原成员处改正）`;
      }
    }
    return undefined;
  }

  async function apply(): Promise<RosterReport> {
    for (const p of plan) {
      report.accepted.push({ line: p.line, name: p.name, branch: p.branch, created: p.created });
      if (opts.dryRun) continue;
      const { branch } = await stores.branches.ensure(p.branch);
      await stores.members.upsert({
        name: p.name,
        branchId: branch.id,
        role: p.role,
        status: p.status,
        wechatId: p.wechatId,
        directoryIds: p.directoryIds,
        phone: p.phone,
      });
    }
    return report;
  }
}

export function formatRosterReport(r: RosterReport): string {
  const counts = `接受 ${r.accepted.length} 行（新增 ${r.accepted.filter((a) => a.created).length}，更新 ${r.accepted.filter((a) => !a.created).length}），拒绝 ${r.rejected.length} 行。`;
  const lines = [r.dryRun ? `试运行（未写入任何数据）：正式导入将${counts}` : `导入完成：${counts}`];
  if (r.branchesCreated.length) lines.push(`${r.dryRun ? '将新建支部' : '新建支部'}：${r.branchesCreated.join('、')}`);
  for (const x of r.rejected) lines.push(`  第 ${x.line} 行：${x.reason}（${x.raw}）`);
  return lines.join('\n');
}

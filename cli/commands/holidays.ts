// zhibu holidays: import one year's official holiday and 调休 schedule (overrides the chinese-days package for
// that year), and list which years have data. Format: see README "Holidays" and parseHolidayCsv.
import fs from 'node:fs';
import type { Command } from 'commander';
import { UserError } from '../../ground/errors.js';
import { holidayDataYears, parseHolidayCsv } from '../../ground/time/holidays.js';
import { syncHolidayCalendar } from '../../domains/meetings/holiday-calendar.js';
import { openSession } from './broadcast-connect.js';

export function registerHolidays(program: Command): void {
  const cmd = program.command('holidays').description('法定节假日和调休数据：导入新一年的安排、查看已有年份');
  cmd
    .command('import')
    .description('导入一年的放假和调休安排（CSV：日期,类型,名称；类型为 休 或 班），覆盖内置数据')
    .argument('<文件>', '例如 2027.csv')
    .action(async (file: string) => {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        throw new UserError(`无法读取文件 ${file}。`);
      }
      const year = parseHolidayCsv(text); // validated before anything is stored
      const s = await openSession();
      try {
        await s.deps.stores.holidays.save(year);
        await s.deps.audit.recordBy(s.actor, 'holidays.import', `${year.year}年 ${year.days.length} 天`);
        const off = year.days.filter((d) => d.off).length;
        process.stdout.write(
          `已导入 ${year.year} 年：放假 ${off} 天，调休上班 ${year.days.length - off} 天。运行中的机器人下次计算日期时即按此安排。\n`,
        );
      } finally {
        await s.close();
      }
    });
  cmd
    .command('list')
    .description('列出有节假日数据的年份')
    .action(async () => {
      const s = await openSession();
      try {
        await syncHolidayCalendar(s.deps.stores);
        const imported = new Set((await s.deps.stores.holidays.all()).map((y) => y.year));
        const years = holidayDataYears().map((y) => `${y}${imported.has(y) ? '（导入）' : ''}`);
        process.stdout.write(`有节假日数据的年份：${years.join('、') || '无'}\n`);
      } finally {
        await s.close();
      }
    });
}

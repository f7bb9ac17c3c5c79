// `zhibu start` with a platform channel (CHANNELS=wecom…) must not load Wechaty: wechaty, gRPC and the puppet's
// protobufs cost ~40 MB of RSS. The CLI's command modules are imported in a child process whose module resolution is
// recorded; only the console chat and a real puppet reach bot/channels/wechaty/ (through open.ts's import()). Nor
// does any command load the web console's server (Fastify, ~6 MB in the console chat) before it serves one, or
// exceljs (~28 MB) before it writes or reads a workbook.
import { describe, expect, it } from 'vitest';
import { resolvedBy } from '../helpers/resolved-imports.js';

describe('the CLI loads Wechaty and the web server only when they run', () => {
  it('imports every command module without wechaty', () => {
    const urls = resolvedBy('./cli/commands/index.ts');
    expect(urls.some((u) => u.includes('/cli/commands/start.ts'))).toBe(true);
    expect(urls.filter((u) => /\/node_modules\/wechaty|\/bot\/channels\/wechaty\//.test(u))).toEqual([]);
  }, 60_000);

  it('loads the web console (Fastify and the pages) only when one is served', () => {
    const urls = resolvedBy('./cli/commands/index.ts');
    expect(urls.some((u) => u.includes('/app/web.ts'))).toBe(true);
    expect(urls.filter((u) => /\/node_modules\/fastify\/|\/web\/server\.ts/.test(u))).toEqual([]);
  }, 60_000);

  it('loads exceljs only to write a ledger or read a roster workbook', () => {
    const urls = resolvedBy('./cli/commands/index.ts');
    expect(urls.some((u) => u.includes('/domains/attendance/ledger-export.ts'))).toBe(true);
    expect(urls.filter((u) => u.includes('/node_modules/exceljs/'))).toEqual([]);
  }, 60_000);

  it('records the imports it checks (the Wechaty channel module does load wechaty)', () => {
    const urls = resolvedBy('./bot/channels/wechaty/connect.ts');
    expect(urls.some((u) => u.includes('/node_modules/wechaty/'))).toBe(true);
  }, 60_000);
});

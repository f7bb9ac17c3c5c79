// `zhibu start` with a platform channel (CHANNELS=wecom…) must not load Wechaty: wechaty, gRPC and the puppet's
// protobufs cost ~40 MB of RSS. The CLI's command modules are imported in a child process whose module resolution is
// recorded; only the console chat and a real puppet reach bot/channels/wechaty/ (through open.ts's import()).
import { describe, expect, it } from 'vitest';
import { resolvedBy } from '../helpers/resolved-imports.js';

describe('the CLI loads Wechaty only when the Wechaty or console channel opens', () => {
  it('imports every command module without wechaty', () => {
    const urls = resolvedBy('./cli/commands/index.ts');
    expect(urls.some((u) => u.includes('/cli/commands/start.ts'))).toBe(true);
    expect(urls.filter((u) => /\/node_modules\/wechaty|\/bot\/channels\/wechaty\//.test(u))).toEqual([]);
  }, 60_000);

  it('records the imports it checks (the Wechaty channel module does load wechaty)', () => {
    const urls = resolvedBy('./bot/channels/wechaty/connect.ts');
    expect(urls.some((u) => u.includes('/node_modules/wechaty/'))).toBe(true);
  }, 60_000);
});

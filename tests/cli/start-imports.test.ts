// `zhibu start` with a platform channel (CHANNELS=wecom…) must not load Wechaty: wechaty, gRPC and the puppet's
// protobufs cost ~40 MB of RSS. The CLI's command modules are imported in a child process whose module resolution is
// recorded; only the console chat and a real puppet reach bot/channels/wechaty/ (through open.ts's import()).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../ground/config.js';

function resolvedBy(entry: string): string[] {
  const hooks = `
    export async function initialize({ port }) { globalThis.port = port; }
    export async function resolve(specifier, context, next) {
      const r = await next(specifier, context);
      globalThis.port.postMessage(r.url);
      return r;
    }`;
  const script = `
    import { register } from 'node:module';
    import { MessageChannel } from 'node:worker_threads';
    import { register as tsx } from 'tsx/esm/api';
    const { port1, port2 } = new MessageChannel();
    const urls = [];
    port1.on('message', (u) => urls.push(u));
    port1.unref();
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}), import.meta.url, {
      data: { port: port2 },
      transferList: [port2],
    });
    tsx();
    await import(${JSON.stringify(entry)});
    await new Promise((r) => setTimeout(r, 200));
    console.log(JSON.stringify(urls));
    process.exit(0);
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as string[];
}

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

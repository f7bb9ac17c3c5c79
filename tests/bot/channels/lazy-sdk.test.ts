// A platform SDK costs 25–65 MB once loaded: only bot/channels/platforms/ imports them, and the channel modules
// over those clients are reached only through the dynamic imports of bot/channels/open.ts (when configured).
// A static scan of the sources, plus a process that opens the console channel and shows no SDK was loaded.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../ground/config.js';

const SDKS = ['@wecom/aibot-node-sdk', 'dingtalk-stream', '@larksuiteoapi/node-sdk'];
const CHANNEL_MODULES =
  /from '[./]*(?:bot\/)?channels\/(?:wecom|dingtalk|feishu)\/channel\.js'|from '\.\.?\/(?:wecom|dingtalk|feishu)\/channel\.js'|from '[./]*platforms\/(?:wecom-aibot|dingtalk-stream|feishu)\.js'/;

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(PROJECT_ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

describe('platform SDKs are loaded only when their channel is configured', () => {
  const files = ['ground', 'store', 'jobs', 'domains', 'bot', 'app', 'cli', 'knowledge'].flatMap(sources);

  it('imports each SDK only from bot/channels/platforms/', () => {
    const offenders = files.filter(
      (f) =>
        !f.startsWith(path.join('bot', 'channels', 'platforms')) &&
        SDKS.some((sdk) => fs.readFileSync(path.join(PROJECT_ROOT, f), 'utf8').includes(`from '${sdk}'`)),
    );
    expect(offenders).toEqual([]);
  });

  it('reaches the SDK-backed channel modules only from inside their own folders (open.ts uses import())', () => {
    const offenders = files.filter((f) => {
      const inside = /^bot\/channels\/(wecom|dingtalk|feishu|platforms)\//.test(f.split(path.sep).join('/'));
      return !inside && CHANNEL_MODULES.test(fs.readFileSync(path.join(PROJECT_ROOT, f), 'utf8'));
    });
    expect(offenders).toEqual([]);
    const open = fs.readFileSync(path.join(PROJECT_ROOT, 'bot/channels/open.ts'), 'utf8');
    for (const m of ['./wecom/channel.js', './dingtalk/channel.js', './feishu/channel.js'])
      expect(open).toContain(`await import('${m}')`);
  });

  // Node lists the CommonJS modules it has loaded (require.cache); the WeCom and Feishu SDKs load as CommonJS here
  // (DingTalk's as an ES module, which that list does not show: the static scans above cover it).
  const loadedSdks = (channel?: string): string[] => {
    const script = `
      import { register } from 'tsx/esm/api';
      register();
      await import('./app/container.ts');
      if (process.argv[1]) await import('./bot/channels/' + process.argv[1] + '/channel.ts');
      const { createRequire } = await import('node:module');
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify(loaded.filter((p) => /aibot-node-sdk|larksuiteoapi/.test(p))));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, channel ?? ''], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    return JSON.parse(out.trim().split('\n').at(-1)!) as string[];
  };

  it('loads none of them with the composition root alone, and the one configured channel’s when it is opened', () => {
    expect(loadedSdks()).toEqual([]);
    expect(loadedSdks('wecom').some((p) => p.includes('@wecom/aibot-node-sdk'))).toBe(true);
    expect(loadedSdks('wecom').some((p) => p.includes('larksuiteoapi'))).toBe(false);
    expect(loadedSdks('feishu').some((p) => p.includes('@larksuiteoapi/node-sdk'))).toBe(true);
  }, 60_000);
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../ground/config.js';
import { silentLogger } from '../../../ground/logger.js';
import { connectRedis } from '../../../ground/redis/connect.js';
import { openRedisSource } from '../../../ground/redis/source.js';
import { testRedisUrl } from '../../helpers/redis.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-source-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('openRedisSource', () => {
  it('uses REDIS_URL when set and starts nothing', async () => {
    const source = await openRedisSource(
      loadConfig({ REDIS_URL: testRedisUrl(), DATA_DIR: dataDir }),
      silentLogger,
      'cli',
    );
    expect(source).toEqual({ url: testRedisUrl() });
    expect(fs.existsSync(path.join(dataDir, 'redis'))).toBe(false);
  });

  it("lets a CLI command share the running bot's embedded server instead of starting a second one", async () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    const bot = await openRedisSource(config, silentLogger, 'bot');
    expect(bot.owned).toBeDefined();
    const cli = await openRedisSource(config, silentLogger, 'cli');
    expect(cli.owned).toBeUndefined();
    expect(cli.url).toBe(bot.url);
    const client = connectRedis(cli.url, { name: 'shared' });
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
    await bot.owned!.stop();
    expect(fs.existsSync(path.join(dataDir, 'redis', 'zhibu-redis.json'))).toBe(false);
    // With the bot gone the CLI owns a server of its own, on the same data.
    const alone = await openRedisSource(config, silentLogger, 'cli');
    expect(alone.owned).toBeDefined();
    await alone.owned!.stop();
  });
});

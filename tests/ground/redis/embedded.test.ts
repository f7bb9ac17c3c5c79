import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedRedis } from '../../../ground/redis/embedded.js';
import { checkRedisDurability, connectRedis } from '../../../ground/redis/connect.js';
import { silentLogger } from '../../../ground/logger.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-embedded-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('embedded redis-server', () => {
  it('starts with AOF on, keeps acknowledged writes across kill -9, and stops', async () => {
    const first = await startEmbeddedRedis({ dir });
    const client = connectRedis(first.url, { name: 'embedded-test' });
    expect(await checkRedisDurability(client, silentLogger)).toEqual([]);
    await client.set('k', 'v');
    await client.call('WAIT', '0', '0');
    // appendfsync everysec: give the fsync its second before the crash.
    await new Promise((r) => setTimeout(r, 1200));
    await first.kill();
    client.disconnect();

    const second = await startEmbeddedRedis({ dir, port: first.port });
    const again = connectRedis(second.url, { name: 'embedded-test-2' });
    expect(await again.get('k')).toBe('v');
    again.disconnect();
    await second.stop();
  });
});

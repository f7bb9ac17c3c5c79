// Which channel account is in a room: recorded from inbound messages, read by the outbox's routing, kept in Redis
// so another process (or a restart) routes the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from '../../ground/redis/connect.js';
import { createRoomAccounts } from '../../store/room-accounts.js';
import { recordAccountIds, recordedAccountIds } from '../../store/bot-id.js';
import { storeKeys } from '../../store/keys.js';
import { connectTestRedis, deletePrefix, randomPrefix } from '../helpers/redis.js';

let redis: Redis;
const prefix = randomPrefix();
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('room accounts', () => {
  it('records the account in a room, keeps the latest, and is read back by a fresh store', async () => {
    const a = createRoomAccounts(redis, prefix);
    expect(await a.accountOf('wecom:bot1:chat1')).toBeUndefined();
    await a.note('wecom:bot1:chat1', 'wecom:bot1');
    await a.note('wecom:bot1:chat1', 'wecom:bot1'); // cached: no second write needed
    await a.note('oc_x', 'feishu:cli_0123456789abcdef');
    const fresh = createRoomAccounts(redis, prefix);
    expect(await fresh.accountOf('wecom:bot1:chat1')).toBe('wecom:bot1');
    expect(await fresh.accountOf('oc_x')).toBe('feishu:cli_0123456789abcdef');
    await fresh.note('oc_x', 'feishu:cli_fedcba9876543210');
    expect(await createRoomAccounts(redis, prefix).accountOf('oc_x')).toBe('feishu:cli_fedcba9876543210');
    expect(await redis.hlen(storeKeys(prefix).roomAccount)).toBe(2);
  });

  it('records every channel account of the bot for the CLI, [] before any bot ran', async () => {
    expect(await recordedAccountIds(redis, prefix)).toEqual([]);
    await recordAccountIds(redis, prefix, ['wecom:bot1', 'wecom-webhook:h0123456789ab']);
    expect(await recordedAccountIds(redis, prefix)).toEqual(['wecom:bot1', 'wecom-webhook:h0123456789ab']);
  });
});

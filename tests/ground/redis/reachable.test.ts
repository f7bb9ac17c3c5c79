// An unreachable Redis or a wrong password fails fast at start with a Chinese message naming REDIS_URL; a
// connection that once worked reconnects for as long as it takes.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../ground/config.js';
import { freePort } from '../../../ground/free-port.js';
import { silentLogger } from '../../../ground/logger.js';
import { connectRedis } from '../../../ground/redis/connect.js';
import { openRedisSource } from '../../../ground/redis/source.js';

const servers: ChildProcess[] = [];
afterAll(() => {
  for (const s of servers) s.kill('SIGKILL');
});

/** A bare redis-server (no persistence) on a port, with an optional password; resolves once it accepts. */
async function redisServer(port: number, password?: string): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  if (password) args.push('--requirepass', password);
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'ignore'] });
  servers.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  for (let i = 0; i < 100 && !out.includes('Ready to accept'); i++) await new Promise((r) => setTimeout(r, 50));
  return child;
}

const open = (url: string) => openRedisSource(loadConfig({ REDIS_URL: url }), silentLogger, 'bot');

describe('Redis at start', () => {
  it('fails fast on a closed port, in Chinese, naming REDIS_URL', async () => {
    const port = await freePort();
    const started = Date.now();
    const err = await open(`redis://127.0.0.1:${port}`).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toContain('REDIS_URL');
    expect(err?.message).toContain(`127.0.0.1:${port}`);
    expect(err?.message).toMatch(/无法连接/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('fails fast on a wrong or missing password, never showing the password', async () => {
    const port = await freePort();
    await redisServer(port, 'right-secret');
    const wrong = await open(`redis://:wrong-secret@127.0.0.1:${port}`).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(wrong?.message).toContain('REDIS_URL');
    expect(wrong?.message).toContain('密码');
    expect(wrong?.message).not.toContain('wrong-secret');
    const missing = await open(`redis://127.0.0.1:${port}`).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(missing?.message).toContain('密码');
    expect(await open(`redis://:right-secret@127.0.0.1:${port}`)).toEqual({
      url: `redis://:right-secret@127.0.0.1:${port}`,
    });
  });

  it('gives up a connection that never succeeded instead of retrying forever', async () => {
    const port = await freePort();
    const client = connectRedis(`redis://127.0.0.1:${port}`, { name: 'never', forWorker: true });
    let errors = 0;
    client.on('error', () => errors++);
    // (events.once would reject on the first 'error'.)
    await new Promise<void>((resolve) => client.on('end', () => resolve()));
    expect(errors).toBeGreaterThan(0);
    expect(errors).toBeLessThanOrEqual(10);
  });

  it('reconnects after an outage once it has connected', async () => {
    const port = await freePort();
    let server = await redisServer(port);
    const client = connectRedis(`redis://127.0.0.1:${port}`, { name: 'worker', forWorker: true });
    client.on('error', () => {});
    expect(await client.ping()).toBe('PONG');
    server.kill('SIGKILL');
    await once(server, 'exit');
    // Longer than the give-up budget of a connection that never succeeded.
    await new Promise((r) => setTimeout(r, 8000));
    server = await redisServer(port);
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
  }, 30_000);
});

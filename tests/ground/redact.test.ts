// Secrets in logs (issue #14, item 6): redacted by field name (the channels' secrets too) and by value
// (a configured *_SECRET / *_TOKEN / *_KEY anywhere in a message, URL or error).
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../ground/logger.js';
import { redactText, secretValues } from '../../ground/redact.js';

const VALUE = 'sk-test-4f9a8b7c6d5e';
process.env.ZHIBU_TEST_APP_SECRET = VALUE;
afterAll(() => {
  delete process.env.ZHIBU_TEST_APP_SECRET;
});

describe('redaction', () => {
  it('finds configured secret values by variable name', () => {
    expect(
      secretValues({ OPENAI_API_KEY: 'k-123456', FEISHU_APP_SECRET: 'abcdefg', TZ: 'Asia/Shanghai', X_TOKEN: '1' }),
    ).toEqual(['k-123456', 'abcdefg']); // longest first
    expect(redactText(`endpoint<https://h/v0/hosties/${VALUE}>`, [VALUE])).toBe(
      'endpoint<https://h/v0/hosties/[secret]>',
    );
  });

  it('the logger redacts secret fields and secret values in any text', async () => {
    const lines: string[] = [];
    const out = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = createLogger('info', out);
    log.info({ appSecret: 'plain-field-secret', cfg: { clientSecret: 'nested-secret' } }, 'fields');
    log.warn(`discover() endpoint<https://x/hosties/${VALUE}> failed`);
    log.error({ err: new Error(`token ${VALUE} refused`) }, 'boom');
    await new Promise((r) => setImmediate(r));
    const all = lines.join('');
    expect(lines.length).toBe(3);
    expect(all).not.toContain(VALUE);
    expect(all).not.toContain('plain-field-secret');
    expect(all).not.toContain('nested-secret');
    expect(all).toContain('hosties/[secret]');
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../ground/config.js';

describe('loadConfig', () => {
  it('gives the embedded default with no environment at all', () => {
    const config = loadConfig({});
    expect(config.redisUrl).toBeUndefined();
    expect(config.puppet).toBeUndefined();
    expect(config.llm.chatModel).toBeUndefined();
    expect(config.timeZone).toBe('Asia/Shanghai');
    expect(config.botName).toBe('支部助手');
    expect(config.outbox.ratePerMinute).toBe(20);
    expect(config.corpusDir.endsWith('knowledge/corpus')).toBe(true);
  });

  it('treats empty strings as unset, as a copied .env.example leaves them', () => {
    const config = loadConfig({ REDIS_URL: '', CHAT_MODEL: ' ', ADMIN_IDS: 'wxid_a, wxid_b，wxid_c' });
    expect(config.redisUrl).toBeUndefined();
    expect(config.llm.chatModel).toBeUndefined();
    expect(config.adminIds).toEqual(['wxid_a', 'wxid_b', 'wxid_c']);
  });

  it('names the variable and the problem in Chinese', () => {
    expect(() => loadConfig({ OUTBOX_RATE: 'fast', TZ: 'Mars/Base' })).toThrow(ConfigError);
    try {
      loadConfig({ REDIS_URL: 'localhost:6379' });
    } catch (err) {
      expect((err as Error).message).toContain('REDIS_URL');
      expect((err as Error).message).toContain('redis://');
    }
    expect(() => loadConfig({ TZ: 'Mars/Base' })).toThrow(/TZ: 未知时区/);
    expect(() => loadConfig({ WECHATY_PUPPET: 'wechaty-puppet-service' })).toThrow(/WECHATY_PUPPET_SERVICE_TOKEN/);
    expect(() => loadConfig({ CHAT_MODEL: 'deepseek-chat' })).toThrow(/OPENAI_BASE_URL/);
  });
});

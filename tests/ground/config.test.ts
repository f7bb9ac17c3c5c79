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

describe('bounds', () => {
  const problem = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
    throw new Error('accepted');
  };

  it('rejects an answer too short to hold a quote, stating the bounds in Chinese', () => {
    const msg = problem({ ANSWER_MAX_CHARS: '5' });
    expect(msg).toContain('ANSWER_MAX_CHARS');
    expect(msg).toMatch(/100.*4000/);
  });

  it('rejects an outbox rate beyond the ban risk, saying why', () => {
    const msg = problem({ OUTBOX_RATE: '100000' });
    expect(msg).toContain('OUTBOX_RATE');
    expect(msg).toContain('封号');
    expect(loadConfig({ OUTBOX_RATE: '60' }).outbox.ratePerMinute).toBe(60);
  });

  it('gives a Chinese message, never zod English, for every bad value', () => {
    const bad: Record<string, string> = {
      REDIS_URL: 'localhost',
      REDIS_PREFIX: '',
      WECHATY_PUPPET: 'wechaty-puppet-foo',
      OPENAI_BASE_URL: 'nope',
      EMBEDDING_DIMENSIONS: '-3',
      LLM_TIMEOUT_MS: '0',
      LLM_MAX_RETRIES: '9',
      BOT_NAME: ' ',
      OUTBOX_RATE: '0',
      OUTBOX_DAILY_CAP: '2.5',
      ANSWER_MAX_CHARS: 'abc',
      QUESTION_RATE_PER_MIN: '0',
      LOG_LEVEL: 'loud',
    };
    for (const [name, value] of Object.entries(bad)) {
      const msg = problem({ [name]: value });
      const line = msg.split('\n').find((l) => l.includes(name));
      expect(line, `${name}=${value}`).toBeDefined();
      expect(line, `${name}=${value}`).not.toMatch(/Too|expected|Invalid|must|received/i);
      expect(line, `${name}=${value}`).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

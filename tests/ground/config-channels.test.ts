// The channels block of the config: CHANNELS and each channel's variables, checked at start with a Chinese
// message naming the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../ground/config.js';

describe('channel configuration', () => {
  it('keeps today’s behaviour when CHANNELS is unset', () => {
    expect(loadConfig({}).channels).toEqual({ kinds: [] });
  });

  it('names each missing variable of a listed channel, in Chinese', () => {
    const err = (() => {
      try {
        loadConfig({ CHANNELS: 'wecom,dingtalk,feishu,wecom-webhook' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    for (const name of [
      'WECOM_BOT_ID',
      'WECOM_BOT_SECRET',
      'DINGTALK_CLIENT_ID',
      'DINGTALK_CLIENT_SECRET',
      'FEISHU_APP_ID',
      'FEISHU_APP_SECRET',
      'WECOM_WEBHOOK_ROBOTS',
    ])
      expect(err!.problems).toContain(
        `${name}: 启用渠道 ${name.startsWith('WECOM_WEBHOOK') ? 'wecom-webhook' : name.split('_')[0]!.toLowerCase()} 时必须设置`,
      );
  });

  it('refuses an unknown channel, a malformed Feishu App ID, a bad URL and a webhook entry without a key', () => {
    expect(() => loadConfig({ CHANNELS: 'wechat' })).toThrow(/CHANNELS: 未知渠道 "wechat"/);
    expect(() => loadConfig({ CHANNELS: 'feishu', FEISHU_APP_ID: 'app1', FEISHU_APP_SECRET: 's' })).toThrow(
      /FEISHU_APP_ID: 应为 cli_/,
    );
    expect(() =>
      loadConfig({ CHANNELS: 'wecom', WECOM_BOT_ID: 'b', WECOM_BOT_SECRET: 's', WECOM_WS_URL: 'http://x' }),
    ).toThrow(/WECOM_WS_URL: 须以 ws:\/\/ 或 wss:\/\/ 开头/);
    expect(() => loadConfig({ CHANNELS: 'wecom-webhook', WECOM_WEBHOOK_ROBOTS: '第一党支部' })).toThrow(
      /WECOM_WEBHOOK_ROBOTS: 每项应为「支部名称=webhook 的 key」/,
    );
  });

  it('reads several channels at once, in order', () => {
    const c = loadConfig({
      CHANNELS: 'wecom, feishu，wecom-webhook',
      WECOM_BOT_ID: 'bot1',
      WECOM_BOT_SECRET: 'sec1',
      FEISHU_APP_ID: 'cli_0123456789abcdef',
      FEISHU_APP_SECRET: 'sec2',
      FEISHU_ALL_GROUP_MESSAGES: 'true',
      WECOM_WEBHOOK_ROBOTS: '第一党支部=key-aaaaaaaa, 第二党支部=key-bbbbbbbb',
    }).channels;
    expect(c.kinds).toEqual(['wecom', 'feishu', 'wecom-webhook']);
    expect(c.wecom).toEqual({ botId: 'bot1', secret: 'sec1', wsUrl: undefined });
    expect(c.feishu?.allGroupMessages).toBe(true);
    expect(c.wecomWebhook?.robots).toEqual([
      { branchName: '第一党支部', key: 'key-aaaaaaaa' },
      { branchName: '第二党支部', key: 'key-bbbbbbbb' },
    ]);
  });
});

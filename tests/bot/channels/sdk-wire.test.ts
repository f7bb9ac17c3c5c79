// Proof that each fake platform server speaks its platform's wire protocol: the platform's real official SDK
// (through our thin clients in channels/platforms) connects to the fake, receives pushed messages as its normal
// events, and what it sends back is recorded by the fake with the right target.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WecomAibotClient, type AibotFrame, type CardClick } from '../../../bot/channels/platforms/wecom-aibot.js';
import {
  PlatformRateLimitError,
  type PlatformInbound,
  type SdkLogSink,
} from '../../../bot/channels/platforms/sdk-log.js';
import { startWecomAibotServer, type WecomAibotServer } from '../../helpers/platforms/wecom-aibot-server.js';
import { Recorder } from '../../helpers/platforms/recorder.js';
import { WecomWebhookClient } from '../../../bot/channels/platforms/wecom-webhook.js';
import { PlatformSendError } from '../../../bot/channels/platforms/sdk-log.js';
import { startWecomWebhookServer, type WecomWebhookServer } from '../../helpers/platforms/wecom-webhook-server.js';
import { spawn } from 'node:child_process';
import { DingtalkStreamClient, type DingtalkReplyTarget } from '../../../bot/channels/platforms/dingtalk-stream.js';
import { FeishuClient } from '../../../bot/channels/platforms/feishu.js';
import { startFeishuWsServer, type FeishuWsServer } from '../../helpers/platforms/feishu-ws-server.js';
import {
  ROBOT_TOPIC,
  startDingtalkStreamServer,
  type DingtalkStreamServer,
} from '../../helpers/platforms/dingtalk-stream-server.js';

/** A log sink that keeps every line, to look for secrets and for the SDK's complaints. */
function captureLog(): SdkLogSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
}

describe('WeCom smart robot: @wecom/aibot-node-sdk against the fake long-connection server', () => {
  let fake: WecomAibotServer;
  let client: WecomAibotClient;
  const log = captureLog();
  const texts = new Recorder<{ msg: PlatformInbound; frame: AibotFrame }>();
  const clicks = new Recorder<{ click: CardClick; frame: AibotFrame }>();

  beforeAll(async () => {
    fake = await startWecomAibotServer({ secret: 'wecom-secret-7f3a9c' });
    client = new WecomAibotClient(
      { botId: fake.botId, secret: fake.secret, wsUrl: fake.url, botName: fake.botName, reconnectIntervalMs: 200 },
      log,
    );
    client.onText((msg, frame) => texts.push({ msg, frame }));
    client.onCardClick((click, frame) => clicks.push({ click, frame }));
    await client.connect();
  });
  afterAll(async () => {
    client?.close();
    await fake?.close();
  });

  it('authenticates with bot id and secret', async () => {
    const auth = await fake.auths.waitFor((a) => a.ok);
    expect(auth.botId).toBe(fake.botId);
  });

  it('delivers a group @-mention as message.text and records the reply in that chat', async () => {
    const pushed = fake.pushGroupText('group-1', 'zhangsan', '三会一课是什么');
    const { msg, frame } = await texts.waitFor((t) => t.msg.messageId === pushed.msgid);
    expect(msg).toMatchObject({ roomId: 'group-1', senderId: 'zhangsan', text: '三会一课是什么', mentionedBot: true });
    await client.reply(frame, '三会一课是指……');
    const sent = await fake.sent.waitFor((s) => s.reqId === pushed.reqId);
    expect(sent.cmd).toBe('aibot_respond_msg');
    expect(sent.body.stream).toMatchObject({ content: '三会一课是指……', finish: true });
  });

  it('delivers a private message and both replies to it and pushes to the member', async () => {
    const pushed = fake.pushPrivateText('lisi', '请假');
    const { msg, frame } = await texts.waitFor((t) => t.msg.messageId === pushed.msgid);
    expect(msg).toMatchObject({ roomId: undefined, senderId: 'lisi', text: '请假', mentionedBot: false });
    await client.reply(frame, '已记录请假');
    expect((await fake.sent.waitFor((s) => s.reqId === pushed.reqId)).body.stream.content).toBe('已记录请假');
    await client.push('lisi', '明天上午 9:00 支部大会');
    const push = await fake.sent.waitFor((s) => s.cmd === 'aibot_send_msg' && s.body.chatid === 'lisi');
    expect(push.body).toMatchObject({ msgtype: 'markdown', markdown: { content: '明天上午 9:00 支部大会' } });
  });

  it('pushes a button card to a group, receives the click and updates the card', async () => {
    const card = {
      card_type: 'button_interaction',
      task_id: 'meeting-42',
      main_title: { title: '支部大会签到' },
      button_list: [
        { text: '签到', key: 'checkin' },
        { text: '请假', key: 'leave' },
      ],
    };
    await client.pushCard('group-1', card);
    await fake.sent.waitFor((s) => s.cmd === 'aibot_send_msg' && s.body.template_card?.task_id === 'meeting-42');
    const pushed = fake.pushCardClick({ chatid: 'group-1', userid: 'wangwu' }, 'meeting-42', 'checkin');
    const { click, frame } = await clicks.waitFor((c) => c.click.messageId === pushed.msgid);
    expect(click).toMatchObject({ roomId: 'group-1', senderId: 'wangwu', taskId: 'meeting-42', eventKey: 'checkin' });
    await client.updateCard(frame, { ...card, main_title: { title: '支部大会签到（已签到 1 人）' } }, ['wangwu']);
    const update = await fake.sent.waitFor((s) => s.reqId === pushed.reqId);
    expect(update.cmd).toBe('aibot_respond_update_msg');
    expect(update.body).toMatchObject({
      response_type: 'update_template_card',
      userids: ['wangwu'],
      template_card: { task_id: 'meeting-42' },
    });
  });

  it('surfaces the rate-limit answer to the caller, and the next send goes through', async () => {
    fake.failNextSends(1);
    await expect(client.push('group-1', '提醒一')).rejects.toBeInstanceOf(PlatformRateLimitError);
    await client.push('group-1', '提醒二');
    await fake.sent.waitFor((s) => s.body?.markdown?.content === '提醒二');
    expect(fake.sent.filter((s) => s.body?.markdown?.content === '提醒一')).toHaveLength(0);
  });

  it('ignores a malformed frame and keeps receiving', async () => {
    fake.sendMalformed();
    const pushed = fake.pushPrivateText('lisi', '还在吗');
    await texts.waitFor((t) => t.msg.messageId === pushed.msgid);
    expect(log.lines.some((l) => l.includes('Failed to parse WebSocket message'))).toBe(true);
  });

  it('reconnects after the server drops the connection and gets the message sent meanwhile', async () => {
    const authsBefore = fake.auths.filter((a) => a.ok).length;
    fake.dropConnection();
    const pushed = fake.pushGroupText('group-1', 'zhangsan', '断线期间的问题');
    const { frame } = await texts.waitFor((t) => t.msg.messageId === pushed.msgid, 15_000, 'message after reconnect');
    expect(fake.auths.filter((a) => a.ok).length).toBe(authsBefore + 1);
    await client.reply(frame, '收到');
    await fake.sent.waitFor((s) => s.reqId === pushed.reqId);
    expect(texts.filter((t) => t.msg.messageId === pushed.msgid)).toHaveLength(1);
  });

  it('never logs the secret', () => {
    expect(log.lines.length).toBeGreaterThan(0);
    expect(log.lines.join('\n')).not.toContain('wecom-secret-7f3a9c');
  });
});

describe('WeCom group-robot webhook: the fake webhook endpoint', () => {
  let fake: WecomWebhookServer;
  let client: WecomWebhookClient;
  const KEY = 'a1b2c3d4-0000-4000-8000-webhookkey01';

  beforeAll(async () => {
    fake = await startWecomWebhookServer({ keys: [KEY], enforceLimit: true });
    client = new WecomWebhookClient({ baseUrl: fake.baseUrl });
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('delivers text with mentions and markdown to the group of the key', async () => {
    await client.sendText(KEY, '今晚 7 点支部大会', ['@all']);
    await client.sendMarkdown(KEY, '**提醒**：请回复 签到');
    const [text, md] = fake.delivered(KEY);
    expect(text?.body).toEqual({ msgtype: 'text', text: { content: '今晚 7 点支部大会', mentioned_list: ['@all'] } });
    expect(md?.body).toEqual({ msgtype: 'markdown', markdown: { content: '**提醒**：请回复 签到' } });
  });

  it('refuses an unknown key with 93000', async () => {
    await expect(client.sendText('no-such-key', 'x')).rejects.toMatchObject({ code: 93000 });
  });

  it('makes the "sent too fast" answer visible to the caller as a rate limit', async () => {
    fake.failNext(1);
    const err = await client.sendText(KEY, '被限流的一条').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformRateLimitError);
    expect(err).toMatchObject({ code: 130101 });
    expect(fake.delivered(KEY).some((p) => p.body.text?.content === '被限流的一条')).toBe(false);
  });

  it('enforces 20 messages a minute per key and answers 45009 past it', async () => {
    const already = fake.delivered(KEY).length;
    for (let i = already; i < 20; i++) await client.sendText(KEY, `第${i + 1}条`);
    const err = await client.sendText(KEY, '第21条').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformRateLimitError);
    expect(err).toMatchObject({ code: 45009 });
    expect(fake.delivered(KEY)).toHaveLength(20);
  });

  it('rejects text over 2048 bytes rather than truncating it', async () => {
    const err = await client.sendText(KEY, '长'.repeat(700)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformSendError);
    expect(err).not.toBeInstanceOf(PlatformRateLimitError);
  });
});

describe('DingTalk Stream: dingtalk-stream DWClient against the fake gateway and stream server', () => {
  let fake: DingtalkStreamServer;
  let client: DingtalkStreamClient;
  const log = captureLog();
  const texts = new Recorder<{ msg: PlatformInbound; target: DingtalkReplyTarget }>();
  const savedEnv: Record<string, string | undefined> = {};

  beforeAll(async () => {
    fake = await startDingtalkStreamServer({ clientSecret: 'dingtalk-secret-5e1d2b' });
    // DWClient has no endpoint option: its hard-wired gateway call reaches the fake as an HTTPS proxy.
    for (const [k, v] of Object.entries(fake.sdkEnv())) {
      savedEnv[k] = process.env[k];
      process.env[k] = v;
    }
    client = new DingtalkStreamClient(
      { clientId: fake.clientId, clientSecret: fake.clientSecret, apiBase: fake.baseUrl },
      log,
    );
    client.onText((msg, target) => texts.push({ msg, target }));
    await client.connect();
    await fake.connections.waitFor();
  });
  afterAll(async () => {
    client?.close();
    await fake?.close();
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('opens the connection through the real gateway host and subscribes to robot messages', async () => {
    expect((await fake.tunnels.waitFor()).host).toBe('api.dingtalk.com:443');
    const call = await fake.gatewayCalls.waitFor((c) => c.ok);
    expect(call.subscriptions).toContainEqual({ type: 'CALLBACK', topic: ROBOT_TOPIC });
    expect(client.connected).toBe(true);
  });

  it('delivers a group @-mention, acks it, and records the reply in that group', async () => {
    const msgId = fake.pushGroupText('cid-group-1', { staffId: 'staff-zhang', nick: '张三' }, '三会一课是什么');
    const { msg, target } = await texts.waitFor((t) => t.msg.messageId === msgId);
    expect(msg).toMatchObject({
      roomId: 'cid-group-1',
      senderId: 'staff-zhang',
      senderName: '张三',
      text: '三会一课是什么',
      mentionedBot: true,
    });
    await fake.acks.waitFor((a) => a.data?.response?.ok === true);
    await client.reply(target, '三会一课是指……');
    const sent = await fake.sends.waitFor((s) => s.kind === 'session' && s.body.text?.content === '三会一课是指……');
    expect(sent.target).toBe('cid-group-1');
  });

  it('delivers a private message, replies privately and pushes to the member and to a group', async () => {
    const msgId = fake.pushPrivateText({ staffId: 'staff-li', nick: '李四' }, '请假');
    const { msg, target } = await texts.waitFor((t) => t.msg.messageId === msgId);
    expect(msg).toMatchObject({ roomId: undefined, senderId: 'staff-li', text: '请假', mentionedBot: false });
    await client.reply(target, '已记录请假');
    expect((await fake.sends.waitFor((s) => s.body.text?.content === '已记录请假')).target).toBe('cid-p2p-staff-li');
    await client.pushPrivate(['staff-li'], '明天上午 9:00 支部大会');
    expect((await fake.sends.waitFor((s) => s.kind === 'private')).target).toBe('staff-li');
    await client.pushGroup('cid-group-1', '支部大会提醒');
    const push = await fake.sends.waitFor((s) => s.kind === 'group');
    expect(push).toMatchObject({
      target: 'cid-group-1',
      body: { msgKey: 'sampleText', msgParam: JSON.stringify({ content: '支部大会提醒' }) },
    });
  });

  it('answers the server ping', async () => {
    const opaque = fake.ping();
    await fake.pongs.waitFor((p) => p.opaque === opaque);
  });

  it('surfaces a throttled push to the caller, and the next one goes through', async () => {
    fake.failNextSends(1);
    await expect(client.pushGroup('cid-group-1', '被限流')).rejects.toBeInstanceOf(PlatformRateLimitError);
    await client.pushGroup('cid-group-1', '限流之后');
    await fake.sends.waitFor((s) => s.kind === 'group' && s.body.msgParam.includes('限流之后'));
    expect(fake.sends.filter((s) => s.body.msgParam?.includes('被限流'))).toHaveLength(0);
  });

  it('reconnects through the gateway after a drop and gets the message sent meanwhile, once', async () => {
    const before = fake.connections.items.length;
    fake.dropConnection();
    const msgId = fake.pushGroupText('cid-group-1', { staffId: 'staff-zhang', nick: '张三' }, '断线期间的问题');
    await texts.waitFor((t) => t.msg.messageId === msgId, 15_000, 'message after reconnect');
    expect(fake.connections.items.length).toBe(before + 1);
    expect(fake.gatewayCalls.filter((c) => c.ok).length).toBeGreaterThanOrEqual(2);
    await fake.acks.waitFor(() => fake.unackedCount === 0, 8000, 'ack of the re-pushed message');
    expect(texts.filter((t) => t.msg.messageId === msgId)).toHaveLength(1);
  });

  it('never logs the secret', () => {
    expect(log.lines.join('\n')).not.toContain('dingtalk-secret-5e1d2b');
  });

  it('documents an SDK hazard: a malformed frame crashes the receiving process', async () => {
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
      import { DWClient } from 'dingtalk-stream';
      const c = new DWClient({ clientId: ${JSON.stringify(fake.clientId)}, clientSecret: ${JSON.stringify(fake.clientSecret)} });
      await c.connect();
      setInterval(() => {}, 1000);
    `,
      ],
      { cwd: process.cwd(), env: { ...process.env, ...fake.sdkEnv() }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const before = fake.connections.items.length;
    await fake.connections.waitFor(() => fake.connections.items.length > before, 15_000, 'child connection');
    fake.sendMalformed();
    const code = await Promise.race([exited, new Promise<'alive'>((r) => setTimeout(() => r('alive'), 10_000))]);
    if (code === 'alive') child.kill();
    expect(code).toBe(1);
    expect(stderr).toContain('SyntaxError');
  });
});

describe('Feishu: @larksuiteoapi/node-sdk WSClient and Client against the fake long-connection server', () => {
  let fake: FeishuWsServer;
  let client: FeishuClient;
  const log = captureLog();
  const texts = new Recorder<PlatformInbound>();

  beforeAll(async () => {
    fake = await startFeishuWsServer({ appSecret: 'feishu-secret-9d8c7b' });
    client = new FeishuClient({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.baseUrl }, log);
    client.onText((msg) => texts.push(msg));
    await client.connect();
  });
  afterAll(async () => {
    client?.close();
    await fake?.close();
  });

  it('discovers the endpoint with app id and secret, connects, and learns the bot open_id', async () => {
    expect((await fake.endpointCalls.waitFor((c) => c.ok)).appId).toBe(fake.appId);
    await fake.connections.waitFor();
    expect(client.botOpenId).toBe(fake.botOpenId);
  });

  it('delivers a group @-mention, acks it within 3 s, and records the reply to that message', async () => {
    const id = fake.pushGroupText('oc_group_1', 'ou_zhangsan', '三会一课是什么');
    const msg = await texts.waitFor((t) => t.messageId === id);
    expect(msg).toMatchObject({
      roomId: 'oc_group_1',
      senderId: 'ou_zhangsan',
      text: '三会一课是什么',
      mentionedBot: true,
    });
    const ack = await fake.acks.waitFor((a) => a.messageId === id);
    expect(ack.latencyMs).toBeLessThan(3000);
    await client.reply(id, '三会一课是指……', 'reply-1');
    const sent = await fake.sends.waitFor((s) => s.kind === 'reply' && s.target === id);
    expect(sent.body).toMatchObject({
      msg_type: 'text',
      content: JSON.stringify({ text: '三会一课是指……' }),
      uuid: 'reply-1',
    });
  });

  it('delivers a private message and pushes to the member and to a group', async () => {
    const id = fake.pushPrivateText('ou_lisi', '请假');
    expect(await texts.waitFor((t) => t.messageId === id)).toMatchObject({
      roomId: undefined,
      senderId: 'ou_lisi',
      text: '请假',
      mentionedBot: false,
    });
    await client.push('ou_lisi', '明天上午 9:00 支部大会', 'open_id');
    expect(await fake.sends.waitFor((s) => s.kind === 'create' && s.target === 'ou_lisi')).toMatchObject({
      receiveIdType: 'open_id',
    });
    await client.push('oc_group_1', '支部大会提醒');
    expect(await fake.sends.waitFor((s) => s.kind === 'create' && s.target === 'oc_group_1')).toMatchObject({
      receiveIdType: 'chat_id',
    });
  });

  it('surfaces the frequency-limit answer to the caller, and the next send goes through', async () => {
    fake.failNextSends(1);
    await expect(client.push('oc_group_1', '被限流')).rejects.toBeInstanceOf(PlatformRateLimitError);
    await client.push('oc_group_1', '限流之后');
    await fake.sends.waitFor((s) => s.body.content.includes('限流之后'));
    expect(fake.sends.filter((s) => s.body.content.includes('被限流'))).toHaveLength(0);
  });

  it('logs and drops a malformed frame and keeps receiving', async () => {
    fake.sendMalformed();
    const id = fake.pushPrivateText('ou_lisi', '还在吗');
    await texts.waitFor((t) => t.messageId === id);
    expect(log.lines.some((l) => l.includes('failed to handle inbound frame'))).toBe(true);
  });

  // The SDK attaches its message listener a tick after 'open', so an event pushed the instant a connection opens is
  // lost on the client and arrives through the platform's 3 s re-push: slower, but once.
  it('reconnects after a drop and gets the message sent meanwhile, once', async () => {
    const before = fake.connections.items.length;
    fake.dropConnection();
    const id = fake.pushGroupText('oc_group_1', 'ou_zhangsan', '断线期间的问题');
    await texts.waitFor((t) => t.messageId === id, 15_000, 'message after reconnect');
    expect(fake.connections.items.length).toBe(before + 1);
    await fake.acks.waitFor((a) => a.messageId === id);
    expect(texts.filter((t) => t.messageId === id)).toHaveLength(1);
  });

  it('keeps the app secret out of the log when the token request fails', async () => {
    fake.failNextTokenRequests(1);
    const other = new FeishuClient(
      { appId: 'cli_0123456789abcdef', appSecret: 'feishu-secret-9d8c7b', domain: fake.baseUrl },
      log,
    );
    await expect(other.push('oc_group_1', 'x')).rejects.toThrow();
    expect(log.lines.join('\n')).not.toContain('feishu-secret-9d8c7b');
  });
});

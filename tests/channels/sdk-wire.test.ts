// Proof that each fake platform server speaks its platform's wire protocol: the platform's real official SDK
// (through our thin clients in channels/platforms) connects to the fake, receives pushed messages as its normal
// events, and what it sends back is recorded by the fake with the right target.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WecomAibotClient, type AibotFrame, type CardClick } from '../../channels/platforms/wecom-aibot.js';
import { PlatformRateLimitError, type PlatformInbound, type SdkLogSink } from '../../channels/platforms/sdk-log.js';
import { startWecomAibotServer, type WecomAibotServer } from '../helpers/platforms/wecom-aibot-server.js';
import { Recorder } from '../helpers/platforms/recorder.js';
import { WecomWebhookClient } from '../../channels/platforms/wecom-webhook.js';
import { PlatformSendError } from '../../channels/platforms/sdk-log.js';
import { startWecomWebhookServer, type WecomWebhookServer } from '../helpers/platforms/wecom-webhook-server.js';

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
    client = new WecomAibotClient({ botId: fake.botId, secret: fake.secret, wsUrl: fake.url, botName: fake.botName, reconnectIntervalMs: 200 }, log);
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
    const card = { card_type: 'button_interaction', task_id: 'meeting-42', main_title: { title: '支部大会签到' }, button_list: [{ text: '签到', key: 'checkin' }, { text: '请假', key: 'leave' }] };
    await client.pushCard('group-1', card);
    await fake.sent.waitFor((s) => s.cmd === 'aibot_send_msg' && s.body.template_card?.task_id === 'meeting-42');
    const pushed = fake.pushCardClick({ chatid: 'group-1', userid: 'wangwu' }, 'meeting-42', 'checkin');
    const { click, frame } = await clicks.waitFor((c) => c.click.messageId === pushed.msgid);
    expect(click).toMatchObject({ roomId: 'group-1', senderId: 'wangwu', taskId: 'meeting-42', eventKey: 'checkin' });
    await client.updateCard(frame, { ...card, main_title: { title: '支部大会签到（已签到 1 人）' } }, ['wangwu']);
    const update = await fake.sent.waitFor((s) => s.reqId === pushed.reqId);
    expect(update.cmd).toBe('aibot_respond_update_msg');
    expect(update.body).toMatchObject({ response_type: 'update_template_card', userids: ['wangwu'], template_card: { task_id: 'meeting-42' } });
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

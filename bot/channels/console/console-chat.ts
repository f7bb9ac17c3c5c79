// The console chat: you type as a member of the simulated branch and see the bot's replies. On a TTY it
// is interactive; otherwise it reads one message per line, prints the transcript and returns once the
// last reply has arrived (outbox idle plus a short grace, bounded).
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Config } from '../../../ground/config.js';
import type { OutboxHandle } from '../../../jobs/outbox/producer.js';
import type { ChatEdge } from '../../edge.js';
import { stripBotName } from '../../filters.js';
import type { MockWorld } from '../wechaty/mock-world.js';
import { CONSOLE_HELP, parseConsoleLine, type ConsoleCommand } from './console-commands.js';
import { DEMO_BRANCH, DEMO_DEFAULT_SPEAKER, demoWorldSpec } from './demo-roster.js';
import { formatBotSaid, formatTyped, namesFrom } from './transcript.js';

export interface ConsoleChatOptions {
  input: Readable;
  output: Writable;
  interactive: boolean;
  /** Longest wait for replies after a scripted line or at the end (default 60 s). */
  settleTimeoutMs?: number;
  /** Quiet time that counts as "the last reply has arrived" (default 800 ms). */
  graceMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the console drives: the simulated world, and the edge and outbox it waits on for replies. */
export interface ConsoleTarget {
  world: MockWorld;
  config: Config;
  edge: Pick<ChatEdge, 'inbound'>;
  outbox: Pick<OutboxHandle, 'whenIdle' | 'pending'>;
}

/** Returns how many non-blank lines were read (0: the input was empty, e.g. < /dev/null). */
export async function runConsoleChat(app: ConsoleTarget, o: ConsoleChatOptions): Promise<{ lines: number }> {
  let lines = 0;
  const { world, config } = app;
  const names = namesFrom(demoWorldSpec(config.botName));
  let speaker = DEMO_DEFAULT_SPEAKER;
  let inRoom = true;
  let saidCount = 0;
  let rl: readline.Interface | undefined;
  let reprompted = false;
  const write = (text: string) => {
    if (rl && o.interactive) {
      reprompted = true;
      readline.clearLine(o.output, 0);
      readline.cursorTo(o.output, 0);
      o.output.write(`${text}\n`);
      rl.setPrompt(prompt());
      rl.prompt(true);
    } else o.output.write(`${text}\n`);
  };
  const prompt = () => `${speaker}${inRoom ? `@${DEMO_BRANCH.topic}` : '（私聊）'}> `;
  world.onBotSay((s) => {
    saidCount++;
    write(formatBotSaid(s, world, names, config.timeZone));
  });

  async function settle(): Promise<void> {
    const deadline = Date.now() + (o.settleTimeoutMs ?? 60_000);
    while (Date.now() < deadline) {
      const seen = saidCount;
      await app.edge.inbound.idle();
      await app.outbox.whenIdle(Math.max(0, deadline - Date.now()), 50);
      await sleep(o.graceMs ?? 800);
      if (seen === saidCount && (await app.outbox.pending()) === 0) return;
    }
  }

  /** Returns false to quit. */
  async function run(cmd: ConsoleCommand): Promise<boolean> {
    switch (cmd.kind) {
      case 'quit':
        return false;
      case 'as': {
        const member = DEMO_BRANCH.members.find((m) => m.name === cmd.name);
        if (member) speaker = member.name;
        write(
          member
            ? `（你现在是 ${speaker}）`
            : `（没有成员“${cmd.name}”，可选：${DEMO_BRANCH.members.map((m) => m.name).join('、')}）`,
        );
        return true;
      }
      case 'private':
        inRoom = false;
        write(`（${speaker} 正在私聊 ${world.botName}）`);
        return true;
      case 'group':
        inRoom = true;
        write(`（回到群「${DEMO_BRANCH.topic}」）`);
        return true;
      case 'wait':
        await sleep(cmd.seconds * 1000);
        return true;
      case 'who':
        write(DEMO_BRANCH.members.map((m) => `${m.name}（${m.role === 'secretary' ? '书记' : '党员'}）`).join('、'));
        return true;
      case 'mem':
        write(`（内存：RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(1)} MB）`);
        return true;
      case 'say': {
        if (!o.interactive)
          write(formatTyped(Date.now(), speaker, inRoom ? DEMO_BRANCH.topic : undefined, cmd.text, config.timeZone));
        const mentioned = inRoom && /^[@＠]/.test(cmd.text) ? stripBotName(cmd.text, world.botName) : undefined;
        if (mentioned !== undefined) world.post(speaker, mentioned, { roomId: DEMO_BRANCH.roomId, mentionBot: true });
        else world.post(speaker, cmd.text, inRoom ? { roomId: DEMO_BRANCH.roomId } : {});
        if (!o.interactive) await settle();
        return true;
      }
    }
  }

  if (o.interactive) {
    o.output.write(
      `模拟支部「${DEMO_BRANCH.topic}」已就绪：你是 ${speaker}，在群里用“@${world.botName} 问题”提问。\n${CONSOLE_HELP}\n`,
    );
  }
  rl = readline.createInterface({
    input: o.input,
    output: o.interactive ? o.output : undefined,
    terminal: o.interactive,
  });
  if (o.interactive) {
    rl.on('SIGINT', () => rl?.close());
    rl.setPrompt(prompt());
    rl.prompt();
  }
  try {
    for await (const line of rl) {
      if (line.trim()) lines++;
      const cmd = parseConsoleLine(line);
      reprompted = false;
      if (cmd && !(await run(cmd))) break;
      if (o.interactive && !reprompted) {
        rl.setPrompt(prompt());
        rl.prompt();
      }
    }
    if (!o.interactive) await settle();
  } finally {
    rl.close();
  }
  return { lines };
}

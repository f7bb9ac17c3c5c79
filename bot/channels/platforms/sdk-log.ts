// The platform SDKs print through their own loggers (console by default). This adapter gives them one that
// writes to ours, drops their debug chatter (it dumps whole message bodies: members' words), and masks any
// configured secret wherever it shows up in a line, arguments included.
import type { DirectoryKind } from '../../../store/types.js';

export interface SdkLogSink {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface SdkLogger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string, ...args: unknown[]): void;
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[secret]');
  return out;
}

// Errors are rendered by message only: an HTTP client error carries its request (headers, body with secrets).
// Feishu's logger proxy hands its arguments over as one array: flatten it.
function line(message: unknown, args: unknown[]): string {
  const parts = [message, ...args]
    .flat()
    .map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : safeJson(a)));
  return parts.join(' ');
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** An SDK logger that forwards info and above to `sink`, masking `secrets`; debug and trace are dropped. */
export function sdkLogger(sink: SdkLogSink, secrets: readonly string[]): SdkLogger {
  return {
    trace: () => {},
    debug: () => {},
    info: (m, ...a) => sink.info(redact(line(m, a), secrets)),
    warn: (m, ...a) => sink.warn(redact(line(m, a), secrets)),
    error: (m, ...a) => sink.error(redact(line(m, a), secrets)),
  };
}

/** The neutral shape every platform client hands its inbound text messages in. */
export interface PlatformInbound {
  platform: 'wecom' | 'dingtalk' | 'feishu';
  /** The platform's id of this message, for de-duplication of redeliveries. */
  messageId: string;
  /** Group chat id, or undefined for a private chat. */
  roomId?: string;
  senderId: string;
  senderName?: string;
  /**
   * A second id the platform verified for the same sender, in the roster directory it belongs to: 飞书's
   * tenant-wide user_id beside the per-app open_id (given when the app may read user ids).
   */
  senderAlias?: { kind: DirectoryKind; id: string };
  /** The text with the bot's @-mention removed. */
  text: string;
  mentionedBot: boolean;
}

export class PlatformRateLimitError extends Error {
  constructor(
    readonly platform: string,
    readonly code: number | string,
    message: string,
  ) {
    super(`${platform} rate limit (${code}): ${message}`);
    this.name = 'PlatformRateLimitError';
  }
}

export class PlatformSendError extends Error {
  constructor(
    readonly platform: string,
    readonly code: number | string,
    message: string,
  ) {
    super(`${platform} send failed (${code}): ${message}`);
    this.name = 'PlatformSendError';
  }
}

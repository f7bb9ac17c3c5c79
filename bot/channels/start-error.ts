// The error a channel that could not start throws. Its own module so `zhibu start` can name it without importing
// the Wechaty channel (and with it wechaty, gRPC and the puppet protobufs, ~20 MB) when another channel runs.

/** The channel could not start: the message says so in Chinese (the cause, redacted, goes to the log). */
export class ChannelStartError extends Error {
  constructor(
    readonly puppet: string,
    readonly cause: unknown,
  ) {
    super(
      `微信通道（${puppet}）启动失败：${(cause as Error)?.message ?? String(cause)}。请检查 WECHATY_PUPPET、WECHATY_PUPPET_SERVICE_TOKEN 等配置和网络后重试。`,
    );
    this.name = 'ChannelStartError';
  }
}

// One pino root logger; modules take a child named by `mod` (e.g. { mod: 'meetings' }). Secrets are redacted wherever they appear.
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

const REDACT = [
  'apiKey',
  'token',
  'puppetToken',
  'password',
  '*.apiKey',
  '*.token',
  '*.puppetToken',
  'llm.apiKey',
  // Channel credentials (WeCom, DingTalk, Feishu), should a config object ever be logged.
  'secret',
  'appSecret',
  'clientSecret',
  '*.secret',
  '*.appSecret',
  '*.clientSecret',
];

export function createLogger(level: string = 'info', destination?: DestinationStream): Logger {
  return pino(
    { level, base: { app: 'zhibu' }, redact: { paths: REDACT, censor: '[secret]' } },
    destination ?? pino.destination(2),
  );
}

/** A logger that drops everything: for tests and for scripted console runs. */
export const silentLogger: Logger = pino({ level: 'silent' });

// One pino root logger; modules take a child named by `mod` (e.g. { mod: 'meetings' }). Secrets are redacted wherever they appear.
import { pino, type Logger, type DestinationStream } from 'pino';
import { CENSOR, redactText, secretValues } from './redact.js';

export type { Logger };

// Secret fields by name (the model's key, the puppet token, the channels' app secrets and tokens) …
const SECRET_FIELDS = [
  'apiKey',
  'token',
  'puppetToken',
  'password',
  'secret',
  'appSecret',
  'clientSecret',
  'corpSecret',
  'accessToken',
  'encodingAESKey',
  'authorization',
];
const REDACT = [...SECRET_FIELDS, ...SECRET_FIELDS.map((f) => `*.${f}`), 'llm.apiKey', 'headers.authorization'];

export function createLogger(level: string = 'info', destination?: DestinationStream): Logger {
  const secrets = secretValues();
  return pino(
    {
      level,
      base: { app: 'zhibu' },
      redact: { paths: REDACT, censor: CENSOR },
      // … and by value: a configured secret inside any message, URL or error text is replaced too.
      hooks: { streamWrite: (line: string) => redactText(line, secrets) },
    },
    destination ?? pino.destination(2),
  );
}

/** A logger that drops everything: for tests and for scripted console runs. */
export const silentLogger: Logger = pino({ level: 'silent' });

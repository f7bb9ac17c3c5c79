// Secrets never reach an output stream: the values of the configured secrets (WECHATY_PUPPET_SERVICE_TOKEN,
// OPENAI_API_KEY and any *_SECRET / *_TOKEN / *_KEY / *_PASSWORD variable) are replaced by [secret] in every
// log line (ground/logger.ts) and in anything written to stdout/stderr, third-party output included (Wechaty's
// puppet logs print the token inside an endpoint URL).
const SECRET_NAME = /(?:_SECRET|_TOKEN|_KEY|_PASSWORD)$/;
const NAMED = ['WECHATY_PUPPET_SERVICE_TOKEN', 'OPENAI_API_KEY'];
/** Shorter values are not secrets worth the false positives (e.g. a flag "1"). */
const MIN_LENGTH = 6;
export const CENSOR = '[secret]';

export function secretValues(env: NodeJS.ProcessEnv = process.env): string[] {
  const values = Object.entries(env)
    .filter(([name, v]) => (NAMED.includes(name) || SECRET_NAME.test(name)) && !!v && v.trim().length >= MIN_LENGTH)
    .map(([, v]) => v!.trim());
  // Longest first, so a secret containing another is replaced whole.
  return [...new Set(values)].sort((a, b) => b.length - a.length);
}

export function redactText(text: string, values: string[] = secretValues()): string {
  let out = text;
  for (const v of values) if (out.includes(v)) out = out.split(v).join(CENSOR);
  return out;
}

let installed = false;

/** Wraps process.stdout and process.stderr so nothing written to them carries a secret value. Idempotent. */
export function installOutputRedaction(secrets: string[] = secretValues()): void {
  if (installed || !secrets.length) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
      if (text === undefined) return write(chunk, ...rest);
      const clean = redactText(text, secrets);
      return write(clean === text ? chunk : clean, ...rest);
    }) as typeof stream.write;
  }
}

// Child for tests/ground/redis/source-race.test.ts: waits until START_AT (epoch ms) so two children open the
// embedded Redis at the same instant, prints {"url","owned","redisPid"} and "ready", then holds the server
// until SIGTERM.
import { loadConfig } from '../../ground/config.js';
import { silentLogger } from '../../ground/logger.js';
import { openRedisSource } from '../../ground/redis/source.js';

const config = loadConfig({ DATA_DIR: process.env.DATA_DIR! });
const startAt = Number(process.env.START_AT);
while (Date.now() < startAt) {} // busy-wait: a timer would add its own jitter
// CLI commands share one server; two bots on one folder are refused instead (tests/ground/redis/second-bot.test.ts).
const source = await openRedisSource(config, silentLogger, 'cli');
process.stdout.write(
  `${JSON.stringify({ url: source.url, owned: !!source.owned, redisPid: source.owned?.pid })}\nready\n`,
);
process.once('SIGTERM', () => {
  void (source.owned?.stop() ?? Promise.resolve()).then(() => process.exit(0));
});
setInterval(() => {}, 1 << 30);

// The zhibu command. Each subcommand lives in its own file under cli/commands/ and is listed in commands/index.ts.
import { Command, CommanderError } from 'commander';
import { ConfigError, loadEnvFile } from '../ground/config.js';
import { isUserError } from '../ground/errors.js';
import { installOutputRedaction } from '../ground/redact.js';
import { commands } from './commands/index.js';

loadEnvFile();
// From here on nothing written to stdout/stderr (ours or a library's) carries a configured secret.
installOutputRedaction();

const program = new Command()
  .name('zhibu')
  .description('支部助手：党支部微信群助手（问答、会议提醒、签到、广播）')
  .version('0.1.0')
  .showHelpAfterError('（运行 zhibu --help 查看用法）');

for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  if (err instanceof ConfigError || isUserError(err) || (err as Error).name === 'RedisMissingError') {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  throw err;
}

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
  .showHelpAfterError('（运行 zhibu --help 查看用法）')
  .configureOutput({ outputError: (text, write) => write(chineseCommanderError(text)) });

/** commander's own errors (unknown option, missing value…) in Chinese, like every other message of the CLI. */
function chineseCommanderError(text: string): string {
  return text
    .replace(/^error: unknown option '([^']+)'/m, '未知选项 $1')
    .replace(/^error: unknown command '([^']+)'/m, '未知命令 $1')
    .replace(/^error: required option '([^']+)' not specified/m, '缺少必填选项 $1')
    .replace(/^error: option '([^']+)' argument missing/m, '选项 $1 缺少取值')
    .replace(/^error: missing required argument '([^']+)'/m, '缺少参数 $1')
    .replace(/^error: too many arguments.*$/m, '参数过多')
    .replace(/\(Did you mean ([^?]+)\?\)/, '（是否想输入 $1？）')
    .replace(/^error: /m, '错误：');
}

for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  if (
    err instanceof ConfigError ||
    isUserError(err) ||
    ['RedisMissingError', 'RedisUnreachableError'].includes((err as Error).name)
  ) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  throw err;
}

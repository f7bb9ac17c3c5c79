// The CLI's logger: at the default level warnings reach the user as short Chinese lines (developers' English
// ones as a pointer to LOG_LEVEL=debug); any other LOG_LEVEL writes the raw JSON records for developers.
import { briefStderr } from '../../bot/channels/console/console-logger.js';
import { createLogger, type Logger } from '../../ground/logger.js';

export function cliLogger(level: string): Logger {
  return level === 'info' ? createLogger('warn', briefStderr(undefined)) : createLogger(level);
}

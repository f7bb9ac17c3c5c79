import type { Command } from 'commander';
import { registerAudit } from './audit.js';
import { registerBench } from './bench.js';
import { registerBroadcast } from './broadcast.js';
import { registerChat } from './chat.js';
import { registerDigest } from './digest.js';
import { registerStart } from './start.js';
import { registerRoster } from './roster.js';
import { registerMeeting } from './meeting.js';
import { registerExport } from './export.js';
import { registerWeb } from './web.js';
import { registerQuestions } from './questions.js';
import { registerHolidays } from './holidays.js';

/** Every subcommand registers itself on the program; add new ones here. */
export const commands: Array<(program: Command) => void> = [
  registerStart,
  registerChat,
  registerBench,
  registerBroadcast,
  registerAudit,
  registerDigest,
];
commands.push(...(await import('./eval.js')).knowledgeCommands);
commands.push(registerRoster, registerMeeting, registerExport, registerWeb, registerQuestions, registerHolidays);

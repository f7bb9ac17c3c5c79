import type { Command } from 'commander';
import { registerBench } from './bench.js';
import { registerChat } from './chat.js';
import { registerStart } from './start.js';

/** Every subcommand registers itself on the program; add new ones here. */
export const commands: Array<(program: Command) => void> = [registerStart, registerChat, registerBench];
commands.push(...(await import('./eval.js')).knowledgeCommands);

import type { Command } from 'commander';
import { registerBench } from './bench.js';

/** Every subcommand registers itself on the program; add new ones here. */
export const commands: Array<(program: Command) => void> = [registerBench];

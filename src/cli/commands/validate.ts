import type { Command } from 'commander';
import type { CommandContext } from '../main.js';

export function registerValidate(program: Command, _ctx: CommandContext): void {
  program.command('validate').description('Check task sequences (to come)').argument('<files...>');
}

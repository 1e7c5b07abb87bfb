import type { CommandSpec } from '../types';
import { exportCommand } from './export';
import { fetchCommand } from './fetch';
import { importCommand } from './import';
import { listCommand } from './list';
import { mentionsCommand } from './mentions';
import { searchCommand } from './search';
import { showCommand } from './show';
import { topicsCommand } from './topics';

/** Every CLI command, in the order --help lists them. */
export const COMMANDS: CommandSpec[] = [listCommand, topicsCommand, showCommand, searchCommand, mentionsCommand, exportCommand, fetchCommand, importCommand];

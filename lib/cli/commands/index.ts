import { Command } from '../command';
import { CATALOG_COMMAND } from './catalog';
import { CHECK_COMMAND } from './check';
import { DIAGRAM_COMMAND } from './diagram';

/** Every command of `decoupled`, in the order `--help` lists them: a new command is a file and a line here. */
export const COMMANDS: readonly Command[] = [CHECK_COMMAND, DIAGRAM_COMMAND, CATALOG_COMMAND];

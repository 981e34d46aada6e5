import { Command } from '../command';
import { CATALOG_COMMAND } from './catalog';
import { CHECK_COMMAND } from './check';
import { DIAGRAM_COMMAND } from './diagram';
import { REPLAY_COMMAND } from './replay';

/** Every command of `decoupled`, in the order `--help` lists them: a new command is a file and a line here. */
export const COMMANDS: readonly Command[] = [CHECK_COMMAND, DIAGRAM_COMMAND, CATALOG_COMMAND, REPLAY_COMMAND];

// PLACEHOLDER until its owner lands the real command (removed before release).
import type { CommandModule } from 'yargs';
import { CwctlError, ExitCode } from '../../errors.js';

export const initCommand: CommandModule = {
  command: 'init',
  describe: false,
  handler: () => {
    throw new CwctlError('cwctl init is not built yet', { exitCode: ExitCode.Internal });
  },
};

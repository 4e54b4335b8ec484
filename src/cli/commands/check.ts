// PLACEHOLDER until its owner lands the real command (removed before release).
import type { CommandModule } from 'yargs';
import { CwctlError, ExitCode } from '../../errors.js';

export const checkCommand: CommandModule = {
  command: 'check',
  describe: false,
  handler: () => {
    throw new CwctlError('cwctl check is not built yet', { exitCode: ExitCode.Internal });
  },
};

// PLACEHOLDER until its owner lands the real command (removed before release).
import type { CommandModule } from 'yargs';
import { CwctlError, ExitCode } from '../../errors.js';

export const driftCommand: CommandModule = {
  command: 'drift',
  describe: false,
  handler: () => {
    throw new CwctlError('cwctl drift is not built yet', { exitCode: ExitCode.Internal });
  },
};

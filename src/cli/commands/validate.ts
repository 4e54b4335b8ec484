// PLACEHOLDER until its owner lands the real command (removed before release).
import type { CommandModule } from 'yargs';
import { CwctlError, ExitCode } from '../../errors.js';

export const validateCommand: CommandModule = {
  command: 'validate',
  describe: false,
  handler: () => {
    throw new CwctlError('cwctl validate is not built yet', { exitCode: ExitCode.Internal });
  },
};

// PLACEHOLDER until its owner lands the real command (removed before release).
import type { CommandModule } from 'yargs';
import { CwctlError, ExitCode } from '../../errors.js';

export const applyCommand: CommandModule = {
  command: 'apply',
  describe: false,
  handler: () => {
    throw new CwctlError('cwctl apply is not built yet', { exitCode: ExitCode.Internal });
  },
};

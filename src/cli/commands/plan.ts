// PLACEHOLDER until its owner lands the real command (removed before release).
import type { CommandModule } from 'yargs';
import { CwctlError, ExitCode } from '../../errors.js';

export const planCommand: CommandModule = {
  command: 'plan',
  describe: false,
  handler: () => {
    throw new CwctlError('cwctl plan is not built yet', { exitCode: ExitCode.Internal });
  },
};

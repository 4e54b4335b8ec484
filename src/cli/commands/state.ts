// PLACEHOLDER until its owner lands the real command (removed before release).
import type { CommandModule } from 'yargs';
import { CwctlError, ExitCode } from '../../errors.js';

export const stateCommand: CommandModule = {
  command: 'state',
  describe: false,
  handler: () => {
    throw new CwctlError('cwctl state is not built yet', { exitCode: ExitCode.Internal });
  },
};

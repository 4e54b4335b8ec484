// PLACEHOLDER until its owner lands the real command (removed before release).
import type { CommandModule } from 'yargs';
import { CwctlError, ExitCode } from '../../errors.js';

export const importCommand: CommandModule = {
  command: 'import',
  describe: false,
  handler: () => {
    throw new CwctlError('cwctl import is not built yet', { exitCode: ExitCode.Internal });
  },
};

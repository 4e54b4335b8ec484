// PLACEHOLDER until its owner lands the real command (removed before release).
import type { CommandModule } from 'yargs';
import { CwctlError, ExitCode } from '../../errors.js';

export const profilesCommand: CommandModule = {
  command: 'profiles',
  describe: false,
  handler: () => {
    throw new CwctlError('cwctl profiles is not built yet', { exitCode: ExitCode.Internal });
  },
};

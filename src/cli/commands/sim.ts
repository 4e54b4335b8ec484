// PLACEHOLDER until its owner lands the real command (removed before release).
import type { CommandModule } from 'yargs';
import { CwctlError, ExitCode } from '../../errors.js';

export const simCommand: CommandModule = {
  command: 'sim',
  describe: false,
  handler: () => {
    throw new CwctlError('cwctl sim is not built yet', { exitCode: ExitCode.Internal });
  },
};

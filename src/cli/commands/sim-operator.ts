// PLACEHOLDER until its owner lands the real command (removed before release).
import type { CommandModule } from 'yargs';
import { CwctlError, ExitCode } from '../../errors.js';

export const simOperatorCommand: CommandModule = {
  command: 'operator',
  describe: false,
  handler: () => {
    throw new CwctlError('cwctl operator is not built yet', { exitCode: ExitCode.Internal });
  },
};

// `cwctl audit`: every live API member, the integration profiles its role fits, what it grants beyond the closest
// one, which members share a role and which run as Admin. Read-only. Exit 0 when every active API member has
// least privilege, 2 when something is beyond it; the user's own profiles (profiles/ beside -f) count too.
import type { Argv, CommandModule } from 'yargs';
import { ExitCode } from '../../errors.js';
import { readAudit } from '../../inspect/read-audit.js';
import { readPsaTarget } from '../../inspect/read-psa-target.js';
import { requestExitCode } from '../exit-status.js';
import { interruptSignal } from '../interrupt.js';
import { openTarget } from '../open-target.js';
import type { GlobalArgs } from '../options.js';
import { printJson, printOut } from '../output.js';
import { renderAuditMarkdown } from '../views/audit-markdown.js';
import { renderAuditText } from '../views/audit-text.js';
import { useProfilesBeside } from './profiles.js';

export const auditCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  builder: (y: Argv<GlobalArgs>) =>
    y.epilogue(
      'Matches each API member\'s role against every integration profile and tier (cwctl profiles list, and yours in profiles/).\n' +
        'Exit 0: every active API member has least privilege; 2: a role grants beyond its closest profile, fits none, or is Admin.',
    ),
  handler: async (argv) => {
    await useProfilesBeside(argv.file);
    const psa = await readPsaTarget(argv.file);
    const opened = await openTarget({ psa, stateDir: argv.stateDir, credentialsFile: argv.credentialsFile });
    try {
      const report = await readAudit(opened.client, { signal: interruptSignal() });
      if (argv.format === 'json') printJson(report);
      else if (argv.format === 'markdown') printOut(renderAuditMarkdown(report));
      else printOut(renderAuditText(report));
      requestExitCode(report.beyondLeastPrivilege ? ExitCode.ChangesPresent : ExitCode.Success);
    } finally {
      await opened.close();
    }
  },
};

// `cwctl check --profile NAME --member ID`: what a live API member's role lacks for an integration (the cause of
// a failing sync) and what it grants beyond it, plus the member's own requirements, with the smallest fix.
// Read-only. Exit 0 when it fits exactly, 2 otherwise, 3 for an unknown member or profile.
import type { Argv, CommandModule } from 'yargs';
import { ExitCode } from '../../errors.js';
import { checkMember, resolveProfile } from '../../inspect/check-member.js';
import { readPsaTarget } from '../../inspect/read-psa-target.js';
import type { MemberKeys } from '../../psa/client.js';
import { findMemberKeys, readMemberKeysFromEnv } from '../../psa/credentials.js';
import { requestExitCode } from '../exit-status.js';
import { interruptSignal } from '../interrupt.js';
import { openTarget } from '../open-target.js';
import type { GlobalArgs } from '../options.js';
import { printJson, printOut } from '../output.js';
import { registerSecret } from '../redact.js';
import { renderCheckMarkdown } from '../views/check-markdown.js';
import { renderCheckText } from '../views/check-text.js';

interface CheckArgs extends GlobalArgs {
  profile: string;
  member: string;
}

export const checkCommand: CommandModule<GlobalArgs, CheckArgs> = {
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('profile', { type: 'string', demandOption: true, describe: 'Integration profile (cwctl profiles list), e.g. brightgauge' })
      .option('member', { type: 'string', demandOption: true, describe: 'API member identifier (Member ID) in the PSA' })
      .epilogue(
        "Table Setup access can only be read with the member's own keys: set CWCTL_NEW_KEY_<MEMBER ID>=PUBLIC:PRIVATE to check it too.\n" +
          'Exit 0: fits exactly; 2: lacks something or grants more than the profile; 3: unknown member or profile.',
      ),
  handler: async (argv) => {
    // An unknown profile is a typo: say so before talking to the PSA.
    resolveProfile(argv.profile);
    const psa = await readPsaTarget(argv.file);
    const opened = await openTarget({ psa, stateDir: argv.stateDir, credentialsFile: argv.credentialsFile });
    try {
      // The member's pair is sent with the clientId of the run's own client (environment, --credentials-file, sandbox).
      let memberKeys: MemberKeys | undefined;
      const pair = findMemberKeys(readMemberKeysFromEnv(process.env), argv.member);
      if (pair) {
        registerSecret(pair.privateKey);
        memberKeys = { publicKey: pair.publicKey, privateKey: pair.privateKey };
      }
      const report = await checkMember({
        client: opened.client,
        profile: argv.profile,
        member: argv.member,
        signal: interruptSignal(),
        ...(memberKeys ? { memberKeys } : {}),
        ...(opened.callerIdentifier ? { callerIdentifier: opened.callerIdentifier } : {}),
      });
      if (argv.format === 'json') printJson(report);
      else if (argv.format === 'markdown') printOut(renderCheckMarkdown(report));
      else printOut(renderCheckText(report));
      requestExitCode(report.fits ? ExitCode.Success : ExitCode.ChangesPresent);
    } finally {
      await opened.close();
    }
  },
};

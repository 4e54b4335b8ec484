// Members' own key pairs (CWCTL_NEW_KEY_<MEMBER>, --new-keys) as credentials for reading their roles' customize
// lists (Table Setup): the only way the PSA shows them. A pair the PSA refuses is remembered with where it came
// from (a variable or file:line, never the value) and not used again; the run goes on with that list unread.
import type { KeyIntake } from '../apply/key-intake.js';
import { CwctlError, ExitCode } from '../errors.js';
import type { DesiredState } from '../model/desired.js';
import type { MemberKeys } from '../psa/client.js';
import type { PsaApiError } from '../psa/errors.js';

export interface RejectedMemberKey {
  identifier: string;
  /** Where the pair came from: a variable name or file:line. */
  source: string;
  status: number | undefined;
}

export interface MemberKeyReads {
  /** Key pairs of every declared member with a known pair the PSA has not refused (sent with the run's clientId). */
  credentials: () => Record<string, MemberKeys>;
  /** For readLiveState's onMemberKeyRejected. */
  onRejected: (identifier: string, error: PsaApiError) => void;
  readonly rejected: readonly RejectedMemberKey[];
}

export function memberKeyReads(desired: DesiredState, keys: KeyIntake): MemberKeyReads {
  const rejected: RejectedMemberKey[] = [];
  const refused = new Set<string>();
  return {
    credentials: () => {
      const out: Record<string, MemberKeys> = {};
      for (const m of desired.members) {
        const pair = keys.known(m.identifier);
        if (pair && !refused.has(pair.publicKey)) out[m.identifier] = { publicKey: pair.publicKey, privateKey: pair.privateKey };
      }
      return out;
    },
    onRejected: (identifier, error) => {
      const pair = keys.known(identifier);
      if (!pair || refused.has(pair.publicKey)) return;
      refused.add(pair.publicKey);
      rejected.push({ identifier, source: pair.source, status: error.status });
    },
    rejected,
  };
}

/** One line per refused pair, naming the member and where the pair came from. */
export function describeRejectedKeys(rejected: readonly RejectedMemberKey[]): string[] {
  return rejected.map((r) => `the PSA refused the key pair of ${r.identifier} from ${r.source}${r.status ? ` (${r.status})` : ''}: its Table Setup access was not read`);
}

/** Exit 3 for refused member pairs: bad input naming the variable or file, not a failure of the run's own keys. */
export function rejectedKeysError(rejected: readonly RejectedMemberKey[]): CwctlError {
  const lines = describeRejectedKeys(rejected);
  return new CwctlError(lines.length === 1 ? (lines[0] as string) : `${lines.length} member key pairs were refused: ${lines.join('; ')}`, {
    exitCode: ExitCode.InvalidInput,
    code: 'member-key-rejected',
    hint: 'check the pair was copied whole (PUBLIC:PRIVATE) and belongs to that member, or remove it; the rest of the run completed',
  });
}

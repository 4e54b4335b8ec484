// Reading a plan saved with `plan --out`, which is untrusted input: a size bound, a shape check of the fields
// apply reads before comparing it with a fresh plan, and the check that its fields still hash to its checksum.
// apply never runs a saved plan's own operations (runApply applies the fresh plan whose checksum equals it);
// this only makes an edited or malformed file a clear refusal (exit 5 or 3), never a crash (exit 1).
import { open } from 'node:fs/promises';
import { CwctlError, ExitCode } from '../errors.js';
import type { Plan } from '../model/plan.js';
import { PLAN_FORMAT_VERSION } from '../model/plan.js';
import { planChecksumOf } from '../plan/plan-checksum.js';

/** Far above any real plan (a 200-role MSP with every level changed is a few MB), far below exhausting memory. */
export const MAX_SAVED_PLAN_BYTES = 256 * 1024 * 1024;

const CHECKSUM = /^sha256:[0-9a-f]{64}$/;
const ARRAY_FIELDS = ['changes', 'drift', 'operations', 'guided', 'adopt', 'safety'] as const;

function invalid(file: string, why: string): CwctlError {
  return new CwctlError(`${file} is not a saved cwctl plan: ${why}`, {
    exitCode: ExitCode.InvalidInput,
    code: 'invalid-plan',
    hint: 'write one with cwctl plan --out plan.json',
  });
}

export async function readSavedPlan(file: string, maxBytes = MAX_SAVED_PLAN_BYTES): Promise<Plan> {
  let text: string;
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) throw invalid(file, `it is ${size} bytes, more than the ${maxBytes} a plan may have`);
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof CwctlError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CwctlError(`cannot read the plan ${file} (${code})`, {
      exitCode: ExitCode.InvalidInput,
      code: 'no-plan',
      ...(code === 'EISDIR' ? { hint: 'name the plan file written by cwctl plan --out' } : {}),
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(file, (error as Error).message);
  }
  return parseSavedPlan(value, file);
}

/** The fields apply reads from a saved plan, checked for type; the rest is only compared through the checksum. */
export function parseSavedPlan(value: unknown, file: string): Plan {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(file, 'not a JSON object');
  const plan = value as Record<string, unknown>;
  if (plan.formatVersion !== PLAN_FORMAT_VERSION) throw invalid(file, `formatVersion is ${JSON.stringify(plan.formatVersion) ?? 'missing'}, not ${PLAN_FORMAT_VERSION}`);
  if (typeof plan.checksum !== 'string' || !CHECKSUM.test(plan.checksum)) throw invalid(file, 'checksum is not "sha256:" and 64 hex digits');
  const target = plan.target as Record<string, unknown> | null | undefined;
  if (typeof target !== 'object' || target === null || typeof target.site !== 'string' || typeof target.company !== 'string') {
    throw invalid(file, 'target is not {site, company}');
  }
  if (plan.stateLineage !== null && typeof plan.stateLineage !== 'string') throw invalid(file, 'stateLineage is neither a string nor null');
  if (plan.stateSerial !== null && !Number.isSafeInteger(plan.stateSerial)) throw invalid(file, 'stateSerial is neither an integer nor null');
  for (const field of ARRAY_FIELDS) if (!Array.isArray(plan[field])) throw invalid(file, `${field} is not a list`);
  return value as Plan;
}

/**
 * Refuses a plan whose fields no longer hash to its checksum (exit 5): it was edited after it was saved.
 * A plan nested too deep to hash is malformed (exit 3).
 */
export function assertPlanIntact(plan: Plan, file = 'the saved plan'): void {
  let actual: string;
  try {
    actual = planChecksumOf(plan);
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) throw invalid(file, 'it cannot be hashed (nested too deep, or not JSON)');
    throw error;
  }
  if (actual === plan.checksum) return;
  throw new CwctlError(`${file} was changed after it was saved: its contents no longer match its checksum`, {
    exitCode: ExitCode.LockedOrStale,
    code: 'plan-tampered',
    hint: 'apply only a plan as cwctl plan --out wrote it; make a new one (cwctl plan --out plan.json) and review it',
  });
}

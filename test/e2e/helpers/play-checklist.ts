// Plays a person at the simulated PSA screens (/__sim/ui): every guided operation of a plan, on the row each
// checklist line names as this world's PSA spells it. Shared by the example walks and the vendor-cell test.
// Test code only; the new key pairs go to a 0600 file, never to the output.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Plan } from '../../../src/model/plan.js';
import type { SimHandle } from '../../inspect/sim-helpers.js';
import type { TestWorld } from './worlds.js';

const LEVEL_FIELD = { add: 'addLevel', edit: 'editLevel', delete: 'deleteLevel', inquire: 'inquireLevel' } as const;

/** Plays the guided operations of a plan at the simulated PSA screens; returns the new key pairs as a --new-keys file. */
export async function playChecklist(h: SimHandle, world: TestWorld, plan: Plan, dir: string): Promise<string> {
  const roles = await h.api<{ id: number; name: string }[]>('GET', '/system/securityroles?pageSize=1000');
  const members = await h.api<{ id: number; identifier: string }[]>('GET', '/system/apiMembers?pageSize=1000');
  const roleId = (name: string) => roles.find((r) => r.name === name)!.id;
  const keys: string[] = [];
  const guided = new Set(plan.guided.map((s) => s.operationId));
  for (const op of plan.operations) {
    if (op.executor !== 'guided') continue;
    expect(guided.has(op.id)).toBe(true); // every guided operation has checklist lines
    if (op.type === 'setRoleLevels') {
      // One row per function, as on the Security Modules screen: every column of it set at once. The person finds
      // the row the checklist names on this PSA's screen (its own spelling of the function).
      const rows = new Map<string, Record<string, string>>();
      for (const c of op.cells) {
        const row = world.row(c.module, c.function);
        const key = `${row.moduleName} / ${row.moduleFunctionName}`;
        rows.set(key, { ...(rows.get(key) ?? row), [LEVEL_FIELD[c.kind]]: c.to });
      }
      await h.ui('PUT', `/securityRoles/${roleId(op.role)}/settings`, [...rows.values()]);
    } else if (op.type === 'setCustomizeItems') {
      const path = op.list === 'SystemTableSetup' ? `/securityRoles/${roleId(op.role)}/tableSetup` : `/securityRoles/${roleId(op.role)}/customize/${op.list}`;
      const current = await h.ui<string[]>('GET', path);
      await h.ui('PUT', path, [...current.filter((x) => !op.remove.includes(x)), ...op.add]);
    } else if (op.type === 'createApiKey') {
      const member = members.find((m) => m.identifier === op.identifier)!;
      const pair = await h.ui<{ publicKey: string; privateKey: string }>('POST', `/apiMembers/${member.id}/apiKeys`, { description: op.description });
      keys.push(`${op.identifier}=${pair.publicKey}:${pair.privateKey}`);
    } else {
      throw new Error(`unexpected guided operation ${op.type}`);
    }
  }
  const file = join(dir, 'new-keys.env');
  await writeFile(file, `${keys.join('\n')}\n`, { mode: 0o600 });
  return file;
}


// The checklist for a person: one GuidedStep per level cell, customize item, API key and role rename that the guided
// executor must get done in the PSA screens, with click paths as the PSA names them. Only what must
// change; nothing that is already right. Pure; it never marks a step done (verify.ts does, by reading back).
import { listFunctions } from '../catalogue/find-function.js';
import type { CustomizeIdentifier, LevelKind } from '../catalogue/types.js';
import { settingAddress } from '../model/address.js';
import type { Operation } from '../model/operation.js';
import type { GuidedStep } from '../model/plan.js';

const KIND_LABEL: Readonly<Record<LevelKind, string>> = { add: 'Add Level', edit: 'Edit Level', delete: 'Delete Level', inquire: 'Inquire Level' };

/** "Module > Function" of the function that carries a customize list (Table Setup -> "System > Table Setup"). */
export function customizeScreenOf(list: CustomizeIdentifier): string {
  const ref = listFunctions().find((r) => r.function.customize === list);
  return ref ? `${ref.module.name} > ${ref.function.name}` : list;
}

/**
 * `unknownLists`: customize addresses whose live list could not be read; the person is also asked to clear
 * anything else allowed there, since cwctl cannot tell what is.
 */
export function buildGuidedSteps(operations: readonly Operation[], unknownLists: ReadonlySet<string> = new Set()): GuidedStep[] {
  const steps: GuidedStep[] = [];
  for (const op of operations) {
    if (op.executor !== 'guided') continue;
    switch (op.type) {
      case 'setRoleLevels':
        for (const cell of op.cells) {
          steps.push({
            operationId: op.id,
            address: settingAddress(op.role, `${cell.module} / ${cell.function}`),
            clickPath: `System > Security Roles > ${op.role} > ${cell.module} > ${cell.function}`,
            instruction: `${KIND_LABEL[cell.kind]}: ${cell.from} -> ${cell.to}`,
            verify: 'api',
          });
        }
        break;
      case 'setCustomizeItems': {
        const clickPath = `System > Security Roles > ${op.role} > ${customizeScreenOf(op.list)} > Customize`;
        const verify = op.verifyAs ? 'member-keys' : 'person';
        for (const item of op.add) steps.push({ operationId: op.id, address: op.address, clickPath, instruction: `allow '${item}'`, verify });
        for (const item of op.remove) steps.push({ operationId: op.id, address: op.address, clickPath, instruction: `remove '${item}'`, verify });
        if (unknownLists.has(op.address)) {
          steps.push({ operationId: op.id, address: op.address, clickPath, instruction: `remove any other item (allow exactly the ${op.add.length} listed)`, verify });
        }
        break;
      }
      case 'renameRole':
        steps.push({
          operationId: op.id,
          address: op.address,
          clickPath: `System > Security Roles > ${op.from}`,
          instruction: `Role Name: ${op.from} -> ${op.name} (a rename: keep its levels; do not create a new role)`,
          verify: 'api',
        });
        break;
      case 'createApiKey':
        steps.push({
          operationId: op.id,
          address: op.address,
          clickPath: `System > Members > API Members > ${op.identifier} > API Keys`,
          instruction: `New: description '${op.description}' (copy both keys; the private key is shown once)`,
          verify: 'member-keys',
        });
        break;
      default:
        break;
    }
  }
  return steps;
}

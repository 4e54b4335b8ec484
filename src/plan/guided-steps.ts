// The checklist for a person: one GuidedStep per level cell, customize item and API key that the guided
// executor must get done in the PSA screens, with click paths as the PSA names them. Only what must
// change; nothing that is already right. Pure; it never marks a step done (verify.ts does, by reading back).
import type { Address } from '../model/address.js';
import { settingAddress } from '../model/address.js';
import type { GuidedAction } from '../model/guided-action.js';
import type { Operation } from '../model/operation.js';
import type { GuidedStep } from '../model/plan.js';
import { clickPathOf, instructionOf } from './guided-wording.js';

/** A step for one action: its click path and words come from the action, so they always agree with it. */
export function stepOf(operationId: string, address: Address, action: GuidedAction, verify: GuidedStep['verify']): GuidedStep {
  return { operationId, address, clickPath: clickPathOf(action), instruction: instructionOf(action), verify, action };
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
          const action: GuidedAction = { t: 'level', role: op.role, module: cell.module, function: cell.function, kind: cell.kind, from: cell.from, to: cell.to };
          steps.push(stepOf(op.id, settingAddress(op.role, `${cell.module} / ${cell.function}`), action, 'api'));
        }
        break;
      case 'setCustomizeItems': {
        const verify = op.verifyAs ? 'member-keys' : 'person';
        const base = { t: 'customize', role: op.role, list: op.list } as const;
        for (const item of op.add) steps.push(stepOf(op.id, op.address, { ...base, add: [item], remove: [] }, verify));
        for (const item of op.remove) steps.push(stepOf(op.id, op.address, { ...base, add: [], remove: [item] }, verify));
        if (unknownLists.has(op.address)) steps.push(stepOf(op.id, op.address, { ...base, add: [...op.add], remove: [], exactly: true }, verify));
        break;
      }
      case 'createApiKey':
        steps.push(stepOf(op.id, op.address, { t: 'apiKey', member: op.identifier, description: op.description }, 'member-keys'));
        break;
      default:
        break;
    }
  }
  return steps;
}

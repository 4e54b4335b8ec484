// The one place that words a guided action for a person: the PSA click path to its screen and what to do
// there. The checklist (plan/guided-steps.ts) and the fix of `cwctl check` (inspect/build-check-report.ts)
// both word actions here, so the two cannot disagree about a screen's name or a level's wording.
import { listFunctions } from '../catalogue/find-function.js';
import type { CustomizeIdentifier, LevelKind } from '../catalogue/types.js';
import type { GuidedAction } from '../model/guided-action.js';

const KIND_LABEL: Readonly<Record<LevelKind, string>> = { add: 'Add Level', edit: 'Edit Level', delete: 'Delete Level', inquire: 'Inquire Level' };

/** "Module > Function" of the function that carries a customize list (Table Setup -> "System > Table Setup"). */
export function customizeScreenOf(list: CustomizeIdentifier): string {
  const ref = listFunctions().find((r) => r.function.customize === list);
  return ref ? `${ref.module.name} > ${ref.function.name}` : list;
}

/** The screen of one API member. */
export const apiMemberPath = (identifier: string): string => `System > Members > API Members > ${identifier}`;

/** The click path to the screen where the action is done; '' when it has no screen of its own. */
export function clickPathOf(action: GuidedAction): string {
  switch (action.t) {
    case 'level':
      return `System > Security Roles > ${action.role} > ${action.module} > ${action.function}`;
    case 'customize':
      return `System > Security Roles > ${action.role} > ${customizeScreenOf(action.list)} > Customize`;
    case 'apiKey':
      return `${apiMemberPath(action.member)} > API Keys`;
    case 'renameRole':
      return `System > Security Roles > ${action.role}`;
    case 'other':
      return '';
  }
}

/** What to do on that screen, e.g. "Inquire Level: None -> All", "allow 'Service Board'". */
export function instructionOf(action: GuidedAction): string {
  switch (action.t) {
    case 'level':
      return `${KIND_LABEL[action.kind]}: ${action.from} -> ${action.to}`;
    case 'customize': {
      if (action.exactly) return `remove any other item (allow exactly the ${action.add.length} listed)`;
      const quoted = (items: readonly string[]): string => items.map((i) => `'${i}'`).join(', ');
      return [action.add.length ? `allow ${quoted(action.add)}` : '', action.remove.length ? `remove ${quoted(action.remove)}` : ''].filter(Boolean).join('; ');
    }
    case 'apiKey':
      return `New: description '${action.description}' (copy both keys; the private key is shown once)`;
    case 'renameRole':
      return `Role Name: ${action.role} -> ${action.to} (a rename: keep its levels; do not create a new role)`;
    case 'other':
      return action.summary;
  }
}

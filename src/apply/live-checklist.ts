// Builds the live checklist snapshot (model/live-checklist.ts) from the guided steps' states: one group per PSA
// screen, owners (roles, API members) in the order the plan first names them, screens within an owner in plan
// order, lines in step order. Pure: it reads the states it is given and never touches the PSA or a terminal.
import { parseAddress } from '../model/parse-address.js';
import type { Address } from '../model/address.js';
import type { LiveChecklistGroup, LiveChecklistLine, LiveChecklistSnapshot } from '../model/live-checklist.js';
import { LIVE_CHECKLIST_FORMAT_VERSION } from '../model/live-checklist.js';
import type { GuidedStep } from '../model/plan.js';
import { shellQuote } from '../shell-quote.js';

/** What the builder reads of a step's state (GuidedStepState has it; the builder needs no more). */
export interface LiveStepState {
  step: GuidedStep;
  done: boolean;
  verifiedBy?: 'api' | 'member-keys' | 'person' | undefined;
  note?: string | undefined;
  /** Only a person's `--confirm ADDRESS` can mark it done now (the executor sets it; see GuidedStepState). */
  confirmable?: boolean | undefined;
}

export interface LiveChecklistInput {
  target: { company: string; site: string };
  states: readonly LiveStepState[];
  revision: number;
  phase: LiveChecklistSnapshot['phase'];
  checkedAt?: string | undefined;
}

/** The role or API member a step belongs to: from its action, else from its address (`role:X/...`, `member:Y/...`). */
export function ownerOfStep(step: GuidedStep): LiveChecklistGroup['owner'] {
  const { action } = step;
  if (action.t === 'level' || action.t === 'customize' || action.t === 'renameRole') return { kind: 'role', name: action.role };
  if (action.t === 'apiKey') return { kind: 'member', name: action.member };
  return ownerOfAddress(step.address);
}

function ownerOfAddress(address: Address): LiveChecklistGroup['owner'] {
  // The one address parser (model/parse-address.ts): a role name may itself hold a '/'.
  const parsed = parseAddress(address);
  if (parsed && 'role' in parsed) return { kind: 'role', name: parsed.role };
  if (parsed && 'identifier' in parsed) return { kind: 'member', name: parsed.identifier };
  return { kind: 'role', name: address };
}

function lineOf(state: LiveStepState): LiveChecklistLine {
  const { step } = state;
  const line: LiveChecklistLine = { address: step.address, instruction: step.instruction, status: state.done ? 'done' : 'pending', verify: step.verify };
  if (state.note) line.note = state.note;
  // Only a person can say these are done (by plan, or because the member keys that would read it back are not
  // known or were refused): the page and the terminal show the exact command, quoted to paste into a shell.
  if (!state.done && (step.verify === 'person' || state.confirmable === true)) line.confirmWith = `cwctl apply --confirm ${shellQuote(step.address)}`;
  return line;
}

export function buildLiveChecklist(input: LiveChecklistInput): LiveChecklistSnapshot {
  const owners = new Map<string, Map<string, LiveChecklistGroup>>();
  for (const state of input.states) {
    const owner = ownerOfStep(state.step);
    const ownerKey = `${owner.kind}:${owner.name}`;
    const screens = owners.get(ownerKey) ?? new Map<string, LiveChecklistGroup>();
    owners.set(ownerKey, screens);
    const group = screens.get(state.step.clickPath) ?? { owner, clickPath: state.step.clickPath, lines: [] };
    screens.set(state.step.clickPath, group);
    group.lines.push(lineOf(state));
  }
  const groups = [...owners.values()].flatMap((screens) => [...screens.values()]);
  const done = input.states.filter((s) => s.done).length;
  return {
    formatVersion: LIVE_CHECKLIST_FORMAT_VERSION,
    target: { company: input.target.company, site: input.target.site },
    revision: input.revision,
    done,
    total: input.states.length,
    phase: input.phase,
    ...(input.checkedAt ? { checkedAt: input.checkedAt } : {}),
    groups,
  };
}

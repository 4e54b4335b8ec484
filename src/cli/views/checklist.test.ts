import { describe, expect, it } from 'vitest';
import type { Operation } from '../../model/operation.js';
import type { Plan } from '../../model/plan.js';
import { buildGuidedSteps } from '../../plan/guided-steps.js';
import { checklistLines, parseChecklistActions, planActions, renderChecklistMarkdown, renderChecklistSummaryText, renderChecklistText } from './checklist.js';

const ops: Operation[] = [
  {
    id: 'setRoleLevels:role:R', address: 'role:R', type: 'setRoleLevels', role: 'R', roleId: 5, dependsOn: [], executor: 'guided', summary: 's',
    cells: [
      { module: 'Service Desk', function: 'Service Tickets', kind: 'inquire', from: 'None', to: 'All' },
      { module: 'Service Desk', function: 'Service Tickets', kind: 'edit', from: 'All', to: 'My' },
    ],
  },
  {
    id: 'setCustomizeItems:role:R/tableSetup', address: 'role:R/tableSetup', type: 'setCustomizeItems', role: 'R', roleId: 5, dependsOn: [],
    executor: 'guided', summary: 't', list: 'SystemTableSetup', add: ['Company / Company Status'], remove: ['Service / Board <x> -- y'],
  },
  { id: 'createApiKey:member:m/apiKey:p', address: 'member:m/apiKey:p', type: 'createApiKey', identifier: 'm', memberId: 9, description: 'p', dependsOn: [], executor: 'guided', summary: 'k' },
];
const plan = { target: { site: 'sandbox', company: 'sandbox', sandbox: true }, operations: ops, guided: buildGuidedSteps(ops) } as Plan;

describe('checklist views', () => {
  it('summary (after the live view): counts and one line per pending step, no notes, nothing done listed', () => {
    const lines = checklistLines(plan).map((l, i) => (i < 3 ? { ...l, done: true } : { ...l, note: 'a note' }));
    const text = renderChecklistSummaryText(lines);
    expect(text.split('\n')).toEqual([
      'Guided steps: 3 of 5 done, 2 left:',
      expect.stringMatching(/^ {2}\[ \] System > Security Roles > R > System > Table Setup > Customize: /),
      expect.stringMatching(/^ {2}\[ \] System > Members > API Members > m > API Keys: New: description 'p'/),
      'Then run cwctl apply --wait again: each line is ticked off once the PSA shows it.',
    ]);
    expect(renderChecklistSummaryText(lines.map((l) => ({ ...l, done: true })))).toBe('Guided steps: all 5 done.');
    expect(renderChecklistSummaryText([])).toBe('');
  });


  it('text: one line per cell, ticks for verified lines, notes only on open ones', () => {
    const lines = checklistLines(plan).map((l, i) => (i === 0 ? { ...l, done: true, note: 'x' } : i === 1 ? { ...l, note: 'edit is None, not My' } : l));
    const text = renderChecklistText(lines);
    expect(text).toContain('Guided steps: 4 of 5 to do');
    expect(text).toContain('[x]  1. System > Security Roles > R > Service Desk > Service Tickets: Inquire Level: None -> All');
    expect(text).toContain('[ ]  2. System > Security Roles > R > Service Desk > Service Tickets: Edit Level: All -> My\n         edit is None, not My');
    expect(text.match(/\n\s+x\n/)).toBeNull();
  });

  it('markdown carries each action so `sim operator --checklist` plays exactly the open lines', () => {
    const lines = checklistLines(plan).map((l, i) => ({ ...l, done: i === 0 }));
    const md = renderChecklistMarkdown(plan, lines);
    expect(md).toMatch(/^- \[x\] \*\*System > Security Roles > R > Service Desk > Service Tickets\*\*: Inquire Level: None -> All <!-- cwctl:/m);
    // an HTML comment must not be closed early by the data
    expect(md).not.toMatch(/<!-- cwctl:[^\n]*-->[^\n]*-->/);
    const actions = parseChecklistActions(md);
    expect(actions).toEqual([
      { t: 'level', role: 'R', module: 'Service Desk', function: 'Service Tickets', kind: 'edit', from: 'All', to: 'My' },
      // one action per line: a ticked customize line is not played again
      { t: 'customize', role: 'R', list: 'SystemTableSetup', add: ['Company / Company Status'], remove: [] },
      { t: 'customize', role: 'R', list: 'SystemTableSetup', add: [], remove: ['Service / Board <x> -- y'] },
      { t: 'apiKey', member: 'm', description: 'p' },
    ]);
    expect(planActions(plan)).toHaveLength(5);
  });

  it('a moved: role rename is a line with the old name\'s click path and a renameRole action', () => {
    const rename: Operation[] = [{
      id: 'renameRole:role:New', address: 'role:New', type: 'renameRole', from: 'Old', name: 'New', roleId: 5, dependsOn: [], executor: 'guided', summary: 'r',
    }];
    const renamePlan = { ...plan, operations: rename, guided: buildGuidedSteps(rename) } as Plan;
    const md = renderChecklistMarkdown(renamePlan, checklistLines(renamePlan));
    expect(md).toContain('**System > Security Roles > Old**: Role Name: Old -> New');
    expect(parseChecklistActions(md)).toEqual([{ t: 'renameRole', role: 'Old', to: 'New' }]);
    expect(planActions(renamePlan)).toEqual([{ t: 'renameRole', role: 'Old', to: 'New' }]);
  });
});

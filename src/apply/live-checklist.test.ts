// The live checklist snapshot: grouped by owner then screen (one click path, then its lines), counts, the
// --confirm command where only a person can tell, and a feed whose revision moves only when something changed.
import { describe, expect, it } from 'vitest';
import type { Operation } from '../model/operation.js';
import { buildGuidedSteps, stepOf } from '../plan/guided-steps.js';
import { initialGuidedStates } from './guided-executor.js';
import { buildLiveChecklist, ownerOfStep } from './live-checklist.js';
import { createLiveChecklistFeed } from './live-checklist-feed.js';

const ops: Operation[] = [
  {
    id: 'setRoleLevels:role:A', address: 'role:A', type: 'setRoleLevels', role: 'A', roleId: 5, dependsOn: [], executor: 'guided', summary: 's',
    cells: [
      { module: 'Service Desk', function: 'Service Tickets', kind: 'inquire', from: 'None', to: 'All' },
      { module: 'Finance', function: 'Invoicing', kind: 'inquire', from: 'None', to: 'My' },
      { module: 'Service Desk', function: 'Service Tickets', kind: 'edit', from: 'None', to: 'My' },
    ],
  },
  { id: 'createApiKey:member:m/apiKey:p', address: 'member:m/apiKey:p', type: 'createApiKey', identifier: 'm', memberId: 9, description: 'p', dependsOn: [], executor: 'guided', summary: 'k' },
  {
    id: 'setCustomizeItems:role:A/tableSetup', address: 'role:A/tableSetup', type: 'setCustomizeItems', role: 'A', roleId: 5, dependsOn: [],
    executor: 'guided', summary: 't', list: 'SystemTableSetup', add: ['Company / Company Status'], remove: [],
  },
];
const target = { company: 'acme', site: 'sandbox' };

describe('buildLiveChecklist', () => {
  it('groups lines by owner, then by screen, in plan order, and counts what is done', () => {
    const states = initialGuidedStates(buildGuidedSteps(ops));
    states[0]!.done = true;
    const snap = buildLiveChecklist({ target, states, revision: 3, phase: 'waiting', checkedAt: '2026-01-01T00:00:00Z' });
    expect(snap).toMatchObject({ formatVersion: 1, target, revision: 3, done: 1, total: 5, phase: 'waiting', checkedAt: '2026-01-01T00:00:00Z' });
    expect(snap.groups.map((g) => [g.owner.name, g.clickPath, g.lines.map((l) => `${l.status} ${l.instruction}`)])).toEqual([
      ['A', 'System > Security Roles > A > Service Desk > Service Tickets', ['done Inquire Level: None -> All', 'pending Edit Level: None -> My']],
      ['A', 'System > Security Roles > A > Finance > Invoicing', ['pending Inquire Level: None -> My']],
      ['A', 'System > Security Roles > A > System > Table Setup > Customize', ["pending allow 'Company / Company Status'"]],
      ['m', 'System > Members > API Members > m > API Keys', [expect.stringMatching(/^pending New: description 'p'/)]],
    ]);
    expect(snap.groups[3]!.owner).toEqual({ kind: 'member', name: 'm' });
  });

  it('gives the --confirm command only for pending lines a person alone can confirm', () => {
    const steps = buildGuidedSteps(ops).filter((s) => s.action.t === 'customize');
    steps.push(stepOf('x', 'role:B/customize:ServiceReports', { t: 'other', summary: 'set reports' }, 'person'));
    const states = initialGuidedStates(steps);
    const snap = buildLiveChecklist({ target, states, revision: 0, phase: 'stopped' });
    const lines = snap.groups.flatMap((g) => g.lines);
    expect(lines.map((l) => l.confirmWith)).toEqual(['cwctl apply --confirm role:A/tableSetup', 'cwctl apply --confirm role:B/customize:ServiceReports']);
    expect(snap.groups[1]!.owner).toEqual({ kind: 'role', name: 'B' });
    states[0]!.done = true;
    expect(buildLiveChecklist({ target, states, revision: 0, phase: 'stopped' }).groups[0]!.lines[0]!.confirmWith).toBeUndefined();
  });
});

describe('buildLiveChecklist: steps read with member keys', () => {
  it('gives the quoted --confirm command once the executor says only a person can confirm it now', () => {
    const op: Operation = {
      id: 'c', address: "role:Svc O'Desk/tableSetup", type: 'setCustomizeItems', role: "Svc O'Desk", roleId: 5, dependsOn: [],
      executor: 'guided', summary: 't', list: 'SystemTableSetup', add: ['Company / Company Status'], remove: [], verifyAs: 'apim',
    };
    const states = initialGuidedStates(buildGuidedSteps([op]));
    expect(states[0]!.step.verify).toBe('member-keys');
    const line = () => buildLiveChecklist({ target, states, revision: 0, phase: 'waiting' }).groups[0]!.lines[0]!;
    expect(line().confirmWith).toBeUndefined();
    states[0]!.confirmable = true;
    expect(line().confirmWith).toBe(`cwctl apply --confirm 'role:Svc O'\\''Desk/tableSetup'`);
  });
});

describe('createLiveChecklistFeed', () => {
  it('hands each snapshot to subscribers and raises the revision only on a change', () => {
    const feed = createLiveChecklistFeed({ target, now: () => 'T' });
    expect(feed.current()).toMatchObject({ revision: 0, total: 0, groups: [] });
    const seen: number[] = [];
    const stop = feed.subscribe((s) => seen.push(s.revision));
    const states = initialGuidedStates(buildGuidedSteps(ops));
    feed.publish(states);
    feed.publish(states);
    states[1]!.done = true;
    feed.publish(states);
    feed.publish(states, 'finished');
    expect(seen).toEqual([1, 1, 2, 3]);
    expect(feed.current()).toMatchObject({ revision: 3, done: 1, phase: 'finished', checkedAt: 'T' });
    stop();
    feed.publish(states);
    expect(seen).toHaveLength(4);
  });

  it('keeps publishing when a subscriber throws', () => {
    const feed = createLiveChecklistFeed({ target });
    const seen: number[] = [];
    feed.subscribe(() => {
      throw new Error('page went away');
    });
    feed.subscribe((s) => seen.push(s.total));
    expect(() => feed.publish(initialGuidedStates(buildGuidedSteps(ops)))).not.toThrow();
    expect(seen).toEqual([5]);
  });
});

describe('ownerOfStep', () => {
  it('takes the owner of a step without a screen from its address, a role name holding a slash included', () => {
    const other = { t: 'other', summary: 'confirm it' } as const;
    expect(ownerOfStep(stepOf('x', 'role:Sales / Marketing API/setting:Sales / Opportunities', other, 'person'))).toEqual({ kind: 'role', name: 'Sales / Marketing API' });
    expect(ownerOfStep(stepOf('x', 'member:bg-api/apiKey:prod', other, 'person'))).toEqual({ kind: 'member', name: 'bg-api' });
  });
});

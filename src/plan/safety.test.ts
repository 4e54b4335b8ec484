import { describe, expect, it } from 'vitest';
import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { SafetyFinding } from '../model/plan.js';
import type { StateFile } from '../model/state.js';
import { diff } from './diff.js';
import { customizeOf, desired, desiredMember, desiredRole, live, liveMember, liveRole, stateOf } from './fixtures.js';
import { resolveNames } from './resolve-names.js';
import { assessSafety, refusedFindings } from './safety.js';

const ST = 'Service Desk / Service Tickets';
const CO = 'Companies / Company Maintenance';

interface Case {
  name: string;
  desired: DesiredState;
  live: LiveState;
  state?: StateFile;
  /** "kind address" of each finding. */
  findings: string[];
  escalated?: string[];
}

const cases: Case[] = [
  {
    name: 'new role from nothing: not an escalation',
    desired: desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All', add: 'All' } })] }),
    live: live(),
    findings: [],
  },
  {
    name: 'level raised on an owned live role: escalation',
    desired: desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All' } })] }),
    live: live({ roles: [liveRole('BG', 7, { [ST]: { inquire: 'My' } })] }),
    state: stateOf({ 'role:BG': {} }),
    findings: [`escalation role:BG/setting:${ST}`],
    escalated: [`role:BG/setting:${ST}`],
  },
  {
    name: 'level raised on an adopted (unowned) live role: escalation',
    desired: desired({ roles: [desiredRole('BG', { [CO]: { add: 'All' } })] }),
    live: live({ roles: [liveRole('BG', 7)] }),
    findings: [`escalation role:BG/setting:${CO}`],
    escalated: [`role:BG/setting:${CO}`],
  },
  {
    name: 'level raised back to what was last applied (undoing drift): not an escalation',
    desired: desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All' } })] }),
    live: live({ roles: [liveRole('BG', 7, { [ST]: { inquire: 'None' } })] }),
    state: stateOf({ 'role:BG': { applied: { name: 'BG', adminFlag: false, settings: { [ST]: { add: 'None', edit: 'None', delete: 'None', inquire: 'All' } } } } }),
    findings: [],
  },
  {
    name: 'level raised beyond what was last applied: escalation even after drift',
    desired: desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All' } })] }),
    live: live({ roles: [liveRole('BG', 7, { [ST]: { inquire: 'None' } })] }),
    state: stateOf({ 'role:BG': { applied: { name: 'BG', adminFlag: false, settings: { [ST]: { add: 'None', edit: 'None', delete: 'None', inquire: 'My' } } } } }),
    findings: [`escalation role:BG/setting:${ST}`],
    escalated: [`role:BG/setting:${ST}`],
  },
  {
    name: 'level raised to what an applied plan approved, checklist unfinished (repeated apply): not an escalation',
    desired: desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All' } })] }),
    live: live({ roles: [liveRole('BG', 7)] }),
    state: stateOf({ 'role:BG': { approved: { settings: { [ST]: { inquire: 'All' } }, customize: {} } } }),
    findings: [],
  },
  {
    name: 'level raised beyond what an applied plan approved: escalation',
    desired: desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All', add: 'All' } })] }),
    live: live({ roles: [liveRole('BG', 7)] }),
    state: stateOf({ 'role:BG': { approved: { settings: { [ST]: { inquire: 'All' } }, customize: {} } } }),
    findings: [`escalation role:BG/setting:${ST}`],
    escalated: [`role:BG/setting:${ST}`],
  },
  {
    name: 'level lowered on a live role: not an escalation',
    desired: desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'My' } })] }),
    live: live({ roles: [liveRole('BG', 7, { [ST]: { inquire: 'All' } })] }),
    state: stateOf({ 'role:BG': {} }),
    findings: [],
  },
  {
    name: 'declared role live with the admin flag: escalation finding',
    desired: desired({ roles: [desiredRole('Boss')] }),
    live: live({ roles: [liveRole('Boss', 2, {}, { adminFlag: true })] }),
    findings: ['escalation role:Boss'],
  },
  {
    name: 'admin-flag role that state records with the flag (imported as is): no finding',
    desired: desired({ roles: [desiredRole('Boss')] }),
    live: live({ roles: [liveRole('Boss', 2, {}, { adminFlag: true })] }),
    state: stateOf({ 'role:Boss': { applied: { name: 'Boss', adminFlag: true, settings: {} } } }),
    findings: [],
  },
  {
    name: 'admin flag set out of band on a role state records without it: escalation finding',
    desired: desired({ roles: [desiredRole('Boss')] }),
    live: live({ roles: [liveRole('Boss', 2, {}, { adminFlag: true })] }),
    state: stateOf({ 'role:Boss': { applied: { name: 'Boss', adminFlag: false, settings: {} } } }),
    findings: ['escalation role:Boss'],
  },
  {
    name: 'external admin role referenced by nobody: no finding',
    desired: desired({ roles: [desiredRole('Admin', {}, { external: true })] }),
    live: live({ roles: [liveRole('Admin', 1, {}, { adminFlag: true })] }),
    findings: [],
  },
  {
    name: 'table setup items added to an existing role: escalation',
    desired: desired({ roles: [desiredRole('BG', {}, { customize: customizeOf('SystemTableSetup', ['Company / Company Status']) })] }),
    live: live({ roles: [liveRole('BG', 7, {}, { customize: customizeOf('SystemTableSetup', []) })] }),
    state: stateOf({ 'role:BG': {} }),
    findings: ['escalation role:BG/tableSetup'],
    escalated: ['role:BG/tableSetup'],
  },
  {
    name: 'table setup items an applied plan approved (checklist unfinished): not an escalation',
    desired: desired({ roles: [desiredRole('BG', {}, { customize: customizeOf('SystemTableSetup', ['Company / Company Status']) })] }),
    live: live({ roles: [liveRole('BG', 7, {}, { customize: customizeOf('SystemTableSetup', []) })] }),
    state: stateOf({ 'role:BG': { approved: { settings: {}, customize: { SystemTableSetup: ['Company / Company Status'] } } } }),
    findings: [],
  },
  {
    name: 'table setup items last applied, removed in the PSA since (restoring drift): not an escalation',
    desired: desired({ roles: [desiredRole('BG', {}, { customize: customizeOf('SystemTableSetup', ['Company / Company Status']) })] }),
    live: live({ roles: [liveRole('BG', 7, {}, { customize: customizeOf('SystemTableSetup', []) })] }),
    state: stateOf({ 'role:BG': {}, 'role:BG/tableSetup': { applied: { list: 'SystemTableSetup', items: ['Company / Company Status'] } } }),
    findings: [],
  },
  {
    name: 'table setup items beyond what was last applied: escalation (only the new item)',
    desired: desired({ roles: [desiredRole('BG', {}, { customize: customizeOf('SystemTableSetup', ['Company / Company Status', 'Company / Note Type']) })] }),
    live: live({ roles: [liveRole('BG', 7, {}, { customize: customizeOf('SystemTableSetup', []) })] }),
    state: stateOf({ 'role:BG': {}, 'role:BG/tableSetup': { applied: { list: 'SystemTableSetup', items: ['Company / Company Status'] } } }),
    findings: ['escalation role:BG/tableSetup'],
    escalated: ['role:BG/tableSetup'],
  },
  {
    name: 'table setup on a new role: not an escalation',
    desired: desired({ roles: [desiredRole('BG', {}, { customize: customizeOf('SystemTableSetup', ['Company / Company Status']) })] }),
    live: live(),
    findings: [],
  },
  {
    name: 'member moved to a more powerful role: escalation',
    desired: desired({ roles: [desiredRole('Big', {}, { external: true })], members: [desiredMember('bg', 'Big')] }),
    live: live({ roles: [liveRole('Small', 5, { [ST]: { inquire: 'My' } }), liveRole('Big', 6, { [ST]: { inquire: 'All' } })], members: [liveMember('bg', 70, { id: 5, name: 'Small' })] }),
    state: stateOf({ 'member:bg': {} }),
    findings: ['escalation member:bg'],
    escalated: ['member:bg'],
  },
  {
    name: 'member moved to a role that grants less: not an escalation',
    desired: desired({ roles: [desiredRole('Small', {}, { external: true })], members: [desiredMember('bg', 'Small')] }),
    live: live({ roles: [liveRole('Small', 5, { [ST]: { inquire: 'My' } }), liveRole('Big', 6, { [ST]: { inquire: 'All' } })], members: [liveMember('bg', 70, { id: 6, name: 'Big' })] }),
    state: stateOf({ 'member:bg': {} }),
    findings: [],
  },
  {
    name: 'member moved to a declared role judged by its desired levels',
    desired: desired({ roles: [desiredRole('New', { [CO]: { add: 'All' } })], members: [desiredMember('bg', 'New')] }),
    live: live({ roles: [liveRole('Small', 5, { [ST]: { inquire: 'My' } })], members: [liveMember('bg', 70, { id: 5, name: 'Small' })] }),
    state: stateOf({ 'member:bg': {} }),
    findings: ['escalation member:bg'],
    escalated: ['member:bg'],
  },
  {
    name: 'member moved to an admin-flag role: escalation',
    desired: desired({ roles: [desiredRole('Admin', {}, { external: true })], members: [desiredMember('bg', 'Admin')] }),
    live: live({ roles: [liveRole('Small', 5), liveRole('Admin', 1, {}, { adminFlag: true })], members: [liveMember('bg', 70, { id: 5, name: 'Small' })] }),
    state: stateOf({ 'member:bg': {} }),
    findings: ['escalation member:bg'],
    escalated: ['member:bg'],
  },
  {
    name: 'inactive member reactivated: escalation',
    desired: desired({ roles: [desiredRole('Small', {}, { external: true })], members: [desiredMember('bg', 'Small')] }),
    live: live({ roles: [liveRole('Small', 5)], members: [liveMember('bg', 70, { id: 5, name: 'Small' }, { inactive: true })] }),
    state: stateOf({ 'member:bg': {} }),
    findings: ['escalation member:bg'],
    escalated: ['member:bg'],
  },
  {
    name: 'deleting one of five owned objects: under the cap',
    desired: desired({ roles: [desiredRole('A'), desiredRole('B'), desiredRole('C'), desiredRole('D')] }),
    live: live({ roles: [liveRole('A', 1), liveRole('B', 2), liveRole('C', 3), liveRole('D', 4), liveRole('E', 5)] }),
    state: stateOf({ 'role:A': {}, 'role:B': {}, 'role:C': {}, 'role:D': {}, 'role:E': {} }),
    findings: [],
  },
  {
    name: 'deleting two of five owned objects: over the 25% cap',
    desired: desired({ roles: [desiredRole('A'), desiredRole('B'), desiredRole('C')] }),
    live: live({ roles: [liveRole('A', 1), liveRole('B', 2), liveRole('C', 3), liveRole('D', 4), liveRole('E', 5)] }),
    state: stateOf({ 'role:A': {}, 'role:B': {}, 'role:C': {}, 'role:D': {}, 'role:E': {} }),
    findings: ['delete-cap role:D'],
  },
  {
    name: 'deleting an owned role still assigned to a member: role-in-use',
    desired: desired({ roles: [desiredRole('A'), desiredRole('B'), desiredRole('C'), desiredRole('D')] }),
    live: live({ roles: [liveRole('A', 1), liveRole('B', 2), liveRole('C', 3), liveRole('D', 4), liveRole('E', 5)], members: [liveMember('jdoe', 90, { id: 5, name: 'E' }, { apiMember: false })] }),
    state: stateOf({ 'role:A': {}, 'role:B': {}, 'role:C': {}, 'role:D': {}, 'role:E': {} }),
    findings: ['role-in-use role:E'],
  },
  {
    name: 'deleting a role whose only member is re-pointed in the same plan: allowed',
    desired: desired({ roles: [desiredRole('A'), desiredRole('B'), desiredRole('C'), desiredRole('D')], members: [desiredMember('bg', 'A')] }),
    live: live({ roles: [liveRole('A', 1), liveRole('B', 2), liveRole('C', 3), liveRole('D', 4), liveRole('E', 5)], members: [liveMember('bg', 70, { id: 5, name: 'E' })] }),
    state: stateOf({ 'role:A': {}, 'role:B': {}, 'role:C': {}, 'role:D': {}, 'role:E': {}, 'member:bg': {} }),
    findings: [],
  },
  {
    name: 'deactivating the member cwctl runs as: self-lockout',
    desired: desired(),
    live: live({ members: [liveMember('cwctl', 70, null)], caller: { identifier: 'cwctl' } }),
    state: stateOf({ 'member:cwctl': {}, 'member:a': {}, 'member:b': {}, 'member:c': {}, 'member:d': {} }),
    findings: ['self-lockout member:cwctl'],
  },
  {
    name: 'moving the caller to another role: self-lockout',
    desired: desired({ roles: [desiredRole('Small', {}, { external: true })], members: [desiredMember('cwctl', 'Small')] }),
    live: live({ roles: [liveRole('Small', 5), liveRole('Admin', 1, { [ST]: { inquire: 'All' } })], members: [liveMember('cwctl', 70, { id: 1, name: 'Admin' })], caller: { identifier: 'cwctl', roleName: 'Admin' } }),
    state: stateOf({ 'member:cwctl': {} }),
    findings: ['self-lockout member:cwctl'],
  },
  {
    name: "lowering a level of the caller's own role: self-lockout",
    desired: desired({ roles: [desiredRole('Ops', { [ST]: { inquire: 'My' } }, { unlisted: 'ignore' })] }),
    live: live({ roles: [liveRole('Ops', 3, { [ST]: { inquire: 'All' } })], caller: { identifier: 'cwctl', roleName: 'Ops' } }),
    state: stateOf({ 'role:Ops': {} }),
    findings: [`self-lockout role:Ops/setting:${ST}`],
  },
  {
    name: 'caller unidentified (mySecurity named no member): lowering any live role is refused (fail closed)',
    desired: desired({ roles: [desiredRole('Ops', { [ST]: { inquire: 'My' } }, { unlisted: 'ignore' })] }),
    live: live({ roles: [liveRole('Ops', 3, { [ST]: { inquire: 'All' } })], caller: null }),
    state: stateOf({ 'role:Ops': {} }),
    findings: [`self-lockout role:Ops/setting:${ST}`],
  },
  {
    name: 'caller unidentified: moving or deactivating an existing member is refused, creating one is not',
    desired: desired({ roles: [desiredRole('Small', {}, { external: true })], members: [desiredMember('a', 'Small'), desiredMember('new', 'Small')] }),
    live: live({ roles: [liveRole('Small', 5), liveRole('Big', 1)], members: [liveMember('a', 70, { id: 1, name: 'Big' }), liveMember('b', 71, null)], caller: null }),
    state: stateOf({ 'member:a': {}, 'member:b': {}, 'member:c': {}, 'member:d': {}, 'member:e': {} }),
    findings: ['self-lockout member:a', 'self-lockout member:b'],
  },
  {
    name: 'caller unidentified: raising levels is an escalation, never a lockout',
    desired: desired({ roles: [desiredRole('Ops', { [ST]: { inquire: 'All' } }, { unlisted: 'ignore' })] }),
    live: live({ roles: [liveRole('Ops', 3, { [ST]: { inquire: 'My' } })], caller: null }),
    state: stateOf({ 'role:Ops': {} }),
    findings: [`escalation role:Ops/setting:${ST}`],
    escalated: [`role:Ops/setting:${ST}`],
  },
];

describe('assessSafety', () => {
  it.each(cases)('$name', (c) => {
    const changes = diff({ desired: c.desired, live: c.live, state: c.state, resolved: resolveNames(c.desired, c.live) }).changes;
    const out = assessSafety({ desired: c.desired, live: c.live, state: c.state, changes });
    expect(out.findings.map((f) => `${f.kind} ${f.address}`)).toEqual(c.findings);
    expect(out.changes.filter((ch) => ch.escalation).map((ch) => ch.address)).toEqual(c.escalated ?? []);
  });

  it('does not mutate the changes it is given', () => {
    const d = desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All' } })] });
    const l = live({ roles: [liveRole('BG', 7)] });
    const changes = diff({ desired: d, live: l, state: undefined, resolved: resolveNames(d, l) }).changes;
    assessSafety({ desired: d, live: l, state: undefined, changes });
    expect(changes.some((c) => c.escalation)).toBe(false);
  });
});

describe('refusedFindings', () => {
  const f = (kind: SafetyFinding['kind'], allowFlag: SafetyFinding['allowFlag']): SafetyFinding => ({ address: 'role:X', kind, message: '', allowFlag });
  const all = [f('escalation', '--allow-escalation'), f('delete-cap', '--allow-deletes'), f('self-lockout', null)];
  it.each([
    { allowEscalation: false, allowDeletes: false, left: ['escalation', 'delete-cap', 'self-lockout'] },
    { allowEscalation: true, allowDeletes: false, left: ['delete-cap', 'self-lockout'] },
    { allowEscalation: true, allowDeletes: true, left: ['self-lockout'] },
  ])('escalation=$allowEscalation deletes=$allowDeletes leaves $left', ({ left, ...allow }) => {
    expect(refusedFindings(all, allow).map((x) => x.kind)).toEqual(left);
  });
});

// snapshotRoleJson writes a role's snapshot straight to canonical JSON (for its digest): it must be the very text
// the generic writer gives for snapshotRole, whatever the role holds, or every recorded role digest reads as drift.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, digestOf } from '../model/canonical-json.js';
import type { LiveMember, LiveRole } from '../model/live.js';
import { liveMember, liveRole } from './fixtures.js';
import { snapshotMember, snapshotMemberDigest, snapshotMemberJson, snapshotRole, snapshotRoleDigest, snapshotRoleJson } from './snapshot.js';

describe('snapshotRoleJson', () => {
  it('is canonicalJson(snapshotRole(role)) for a role as the PSA lists it', () => {
    const role = liveRole('Technician', 3, {
      'Service Desk / Service Tickets': { add: 'All', edit: 'My', inquire: 'All' },
      'Companies / Company Maintenance': { inquire: 'My' },
      'System / Table Setup': {},
      'Finance / Agreements': { add: 'None', edit: 'None', delete: 'None', inquire: 'None' },
    });
    expect(snapshotRoleJson(role)).toBe(canonicalJson(snapshotRole(role)));
    expect(snapshotRoleDigest(role)).toBe(digestOf(snapshotRole(role)));
    expect(snapshotRoleJson(liveRole('Empty', 4))).toBe('{"adminFlag":false,"name":"Empty","settings":{}}');
    // A "__proto__" key (JSON.parse makes one) is not a key of the snapshot: its `settings[key] =` sets the prototype.
    const odd = JSON.parse('{"psaId":5,"name":"Odd","adminFlag":true,"inactive":false,"settings":{"__proto__":{"psaId":1,"levels":{"add":"All","edit":"All","delete":"All","inquire":"All"}},"12":{"psaId":2,"levels":{"add":"My","edit":"None","delete":"None","inquire":"My"}}}}') as LiveRole;
    expect(snapshotRoleJson(odd)).toBe(canonicalJson(snapshotRole(odd)));
  });

  it('is canonicalJson(snapshotRole(role)) for any role: odd keys, levels, names and flags', () => {
    // Mostly what the PSA sends (so the direct writer is what is tested), sometimes anything.
    const level = fc.oneof(
      { weight: 30, arbitrary: fc.constantFrom('None', 'All', 'My') },
      { weight: 1, arbitrary: fc.oneof(fc.constantFrom('none', 'ALL', '', undefined, 1, null), fc.string()) },
    );
    const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', '0', '12', '007', '4294967295', 'a"b', 'é / ü', '\u2028'));
    const levels = fc.record({ add: level, edit: level, delete: level, inquire: level });
    const settings = fc.array(fc.tuple(key, levels), { maxLength: 12 });
    const role = fc.record({
      name: fc.oneof({ weight: 20, arbitrary: fc.string() }, { weight: 1, arbitrary: fc.constantFrom(undefined, 7) }),
      adminFlag: fc.oneof({ weight: 20, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom(undefined, 'yes') }),
      settings,
    });
    fc.assert(fc.property(role, (r) => {
      const out: Record<string, unknown> = {};
      for (const [k, l] of r.settings) Object.defineProperty(out, k, { value: { psaId: 1, levels: l }, enumerable: true, writable: true, configurable: true });
      const live = { psaId: 1, name: r.name, adminFlag: r.adminFlag, inactive: false, settings: out } as unknown as LiveRole;
      expect(snapshotRoleJson(live)).toBe(canonicalJson(snapshotRole(live)));
    }), { numRuns: 1000 });
  });
});

describe('snapshotMemberJson', () => {
  it('is canonicalJson(snapshotMember(m)) for a member as the PSA lists it', () => {
    const m = liveMember('bench0001', 41, { id: 2, name: 'Technician' }, { email: 'a@b.c' });
    expect(snapshotMemberJson(m)).toBe(canonicalJson(snapshotMember(m)));
    expect(snapshotMemberDigest(m)).toBe(digestOf(snapshotMember(m)));
    const bare = liveMember('x', 1, null, { level: null, location: null, businessUnit: null, inactive: true });
    delete bare.email;
    expect(snapshotMemberJson(bare)).toBe(canonicalJson(snapshotMember(bare)));
  });

  it('is canonicalJson(snapshotMember(m)) for any member: odd names, missing or mistyped fields', () => {
    const text = fc.oneof({ weight: 20, arbitrary: fc.string() }, { weight: 1, arbitrary: fc.constantFrom(undefined, null, 3, true) });
    const ref = fc.oneof({ weight: 10, arbitrary: fc.record({ id: fc.nat(), name: text }) }, { weight: 1, arbitrary: fc.constant(null) });
    const member = fc.record({
      identifier: text, name: text, email: fc.oneof(text, fc.constant(undefined)), role: ref, level: ref, location: ref, businessUnit: ref,
      inactive: fc.oneof({ weight: 20, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom(undefined, 'no', 0) }),
    });
    fc.assert(fc.property(member, (fields) => {
      const m = { psaId: 1, apiMember: true, ...fields } as unknown as LiveMember;
      expect(snapshotMemberJson(m)).toBe(canonicalJson(snapshotMember(m)));
    }), { numRuns: 1000 });
  });
});

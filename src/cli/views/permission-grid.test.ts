import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../plan/build-plan.js';
import { NOW, desired, desiredRole, live, liveRole, stateOf } from '../../plan/fixtures.js';
import { PUBLIC_API_CAPABILITIES } from '../../psa/client.js';
import { setColour } from '../output.js';
import { buildPermissionGrid, renderPermissionGridText } from './permission-grid.js';
import { escapeHtml, renderPermissionGridHtml } from './permission-grid-html.js';

const ST = 'Service Desk / Service Tickets';
const CO = 'Companies / Company Maintenance';
const FR = 'Finance / Reports';

function gridOf(d: ReturnType<typeof desired>, l: ReturnType<typeof live>, state?: ReturnType<typeof stateOf>, roles?: string[]) {
  const plan = buildPlan({ desired: d, live: l, state, capabilities: PUBLIC_API_CAPABILITIES, now: NOW, target: { site: 'sandbox', company: 'sandbox' }, sandbox: true });
  return buildPermissionGrid({ desired: d, live: l, plan, ...(roles ? { roles } : {}) });
}

describe('buildPermissionGrid', () => {
  it('marks escalations, drift and plain changes per cell, and what goes beyond the profiles', () => {
    const d = desired({
      roles: [desiredRole('BG', { [ST]: { inquire: 'All' }, [CO]: { inquire: 'All' }, [FR]: { inquire: 'None' } }, { profiles: ['brightgauge'] })],
    });
    // Live: tickets My (raised to All: an escalation); company maintenance All already; reports All (drift: state
    // recorded None, so lowering it undoes drift).
    const l = live({ roles: [liveRole('BG', 7, { [ST]: { inquire: 'My' }, [CO]: { inquire: 'All' }, [FR]: { inquire: 'All' } })] });
    const state = stateOf({ 'role:BG': { applied: { name: 'BG', adminFlag: false, settings: { [ST]: { add: 'None', edit: 'None', delete: 'None', inquire: 'My' }, [CO]: { add: 'None', edit: 'None', delete: 'None', inquire: 'All' } } } } });
    const grid = gridOf(d, l, state);
    const role = grid.roles[0]!;
    const row = (key: string) => role.rows.find((r) => r.key === key)!;
    expect(row(ST).cells.inquire).toMatchObject({ desired: 'All', live: 'My', mark: 'escalation', profile: 'All' });
    expect(row(FR).cells.inquire).toMatchObject({ desired: 'None', live: 'All', mark: 'drift' });
    expect(row(CO).cells.inquire.mark).toBe('same');
    expect(role.counts).toMatchObject({ escalation: 1, drift: 1 });
    expect(role.profiles).toEqual([{ name: 'brightgauge', title: 'BrightGauge' }]);
    // A function neither side nor the profile grants is left out.
    expect(role.rows.every((r) => Object.values(r.cells).some((c) => c.desired !== 'None' || c.live !== 'None' || (c.profile ?? 'None') !== 'None'))).toBe(true);
    setColour(false);
    const text = renderPermissionGridText(grid);
    expect(text).toContain(`${ST}`);
    expect(text).toMatch(/My -> All \u2191/);
    expect(text).toMatch(/All -> None ~/);
  });

  it('a role not yet in the PSA shows desired levels against nothing, and only the named roles are shown', () => {
    const grid = gridOf(desired({ roles: [desiredRole('New', { [ST]: { inquire: 'All' } }), desiredRole('Other', { [CO]: { add: 'All' } })] }), live(), undefined, ['New']);
    expect(grid.roles.map((r) => r.name)).toEqual(['New']);
    expect(grid.roles[0]!.exists).toBe(false);
    expect(grid.roles[0]!.rows).toHaveLength(1);
    expect(grid.roles[0]!.rows[0]!.cells.inquire).toMatchObject({ desired: 'All', live: null, mark: 'change' });
  });
});

describe('renderPermissionGridHtml', () => {
  it('is one static page with no script, every name from YAML or the PSA escaped', () => {
    const evil = '<script>alert(1)</script>';
    const grid = gridOf(desired({ roles: [desiredRole(evil, { [ST]: { inquire: 'All' } })] }), live({ roles: [liveRole(evil, 3, { [ST]: { inquire: 'None' } })] }));
    const html = renderPermissionGridHtml(grid);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toContain('<script');
    expect(html).toContain('Role &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/(src|href)=/);
    expect(html).toContain("default-src 'none'");
    expect(html).toMatch(/<td class="escalation"[^>]*>None -&gt; All \u2191<\/td>/);
  });
  it('escapes quotes for attributes and drops control characters', () => {
    expect(escapeHtml(`a"b'c&<>\u0007\u001b[31m`)).toBe('a&quot;b&#39;c&amp;&lt;&gt;[31m');
  });
});

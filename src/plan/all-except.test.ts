import { describe, expect, it } from 'vitest';
import { loadDesiredStateFromText } from '../config/load-desired-state-from-text.js';
import type { DesiredRole } from '../model/desired.js';
import { desiredCustomizeList } from './all-except.js';

function role(yaml: string): DesiredRole {
  const { state, diagnostics } = loadDesiredStateFromText(`version: 1\nroles:\n  - name: R\n${yaml}`);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return state!.roles[0]!;
}

const LIVE = ['Company / Company Status', 'Company / Company Type', 'Service / Service Board', 'Company / Management IT'];

describe('tableSetup: {allExcept: [...]}', () => {
  it('normalizes to an exception list, and plans every live table but those', () => {
    const r = role('    tableSetup: { allExcept: [company / company status] }\n');
    expect(r.customizeAllExcept).toEqual({ SystemTableSetup: ['Company / Company Status'] });
    expect(r.customize.SystemTableSetup).toEqual([]);
    // The live list wins, including a table the catalogue has never heard of.
    expect(desiredCustomizeList(r, 'SystemTableSetup', { customizeChoices: { SystemTableSetup: LIVE } })).toEqual([
      'Company / Company Type', 'Service / Service Board', 'Company / Management IT',
    ]);
  });

  it('leaves an allow-list as written', () => {
    const r = role('    tableSetup: [Service / Service Board]\n');
    expect(r.customizeAllExcept).toBeUndefined();
    expect(desiredCustomizeList(r, 'SystemTableSetup', { customizeChoices: { SystemTableSetup: LIVE } })).toEqual(['Service / Service Board']);
  });

  it('takes customize.CompanyConfigurations as a deny-list too, and grants nothing without the live list', () => {
    const r = role('    unlisted: ignore\n    customize:\n      CompanyConfigurations: { allExcept: [Managed Server] }\n');
    expect(desiredCustomizeList(r, 'CompanyConfigurations', { customizeChoices: { CompanyConfigurations: ['Managed Server', 'Managed Workstation'] } })).toEqual(['Managed Workstation']);
    expect(desiredCustomizeList(r, 'CompanyConfigurations', {})).toEqual([]);
  });

  it('refuses allExcept where the PSA cannot be asked for the full list', () => {
    const { diagnostics } = loadDesiredStateFromText('version: 1\nroles:\n  - name: R\n    customize:\n      ServiceReports: { allExcept: [X] }\n');
    expect(diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });
});

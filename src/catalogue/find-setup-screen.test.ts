// One screen resolver for every form a Table Setup item comes in (issue #12 item 3), and what the PSA's customize
// rows become: "Category / Name" as the live screens spell it, or raw with a warning, never dropped or guessed.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../model/diagnostic.js';
import type { MySecurityCustomizeItem } from '../psa/types.js';
import { toCustomizeLists } from '../psa/read-live-state.js';
import { buildScreenIndex, findSetupScreen, setupScreenKey } from './find-setup-screen.js';

const SCREENS = [
  { id: 12, category: 'Service', name: 'Service Board' },
  { id: 40, category: 'Company', name: 'Management IT' },
  { id: 41, category: 'Activities', name: 'Activity Status-CRM' },
  { id: 50, category: 'Company', name: 'Status' },
  { id: 51, category: 'Service', name: 'Status' },
];

describe('buildScreenIndex', () => {
  const index = buildScreenIndex(SCREENS);
  it.each([
    ['12', 'Service / Service Board'],
    [' 40 ', 'Company / Management IT'],
    ['Service / Service Board', 'Service / Service Board'],
    ['service/service board', 'Service / Service Board'],
    ['Service > Service_Board', 'Service / Service Board'],
    ['Company /  Management  IT', 'Company / Management IT'],
    ['Management IT', 'Company / Management IT'],
    ['Activities / Activity Status - CRM', 'Activities / Activity Status-CRM'],
    ['Company Management IT', 'Company / Management IT'],
    ['Company / Status', 'Company / Status'],
  ])('%j names %s', (text, key) => {
    const found = index.find(text);
    expect(found && setupScreenKey(found)).toBe(key);
  });
  it.each([['Status'], ['99'], ['Service / Nothing'], ['']])('%j names no screen (absent or ambiguous)', (text) => {
    expect(index.find(text)).toBeUndefined();
  });
  it('serves the catalogue too', () => {
    expect(findSetupScreen('Opportunities / Opportunity_Rating')?.name).toBe('Opportunity Rating');
  });
});

describe('toCustomizeLists', () => {
  const row = (id: number, itemIdentifier: string, customizeIdentifier: MySecurityCustomizeItem['customizeIdentifier'] = 'SystemTableSetup'): MySecurityCustomizeItem =>
    ({ id, customizeIdentifier, itemIdentifier });

  it('writes ids, names and spellings as the live screen key, and keeps an unmatched item raw with a warning', () => {
    const warnings: Diagnostic[] = [];
    const lists = toCustomizeLists([row(1, '12'), row(2, 'Management IT'), row(3, 'service / service board'), row(4, 'Mystery Table'), row(5, 'Weekly', 'ServiceReports')], SCREENS, 'R', warnings);
    expect(lists.SystemTableSetup).toEqual(['Service / Service Board', 'Company / Management IT', 'Mystery Table']);
    expect(lists.ServiceReports).toEqual(['Weekly']);
    expect(lists.FinanceReports).toEqual([]);
    expect(warnings.map((w) => [w.code, w.address])).toEqual([['unknown-customize-item', 'role:R/tableSetup']]);
    expect(warnings[0]?.summary).toContain("'Mystery Table'");
  });

  it('without the live screens, keeps items as the PSA sent them', () => {
    const warnings: Diagnostic[] = [];
    expect(toCustomizeLists([row(1, '12')], undefined, 'R', warnings).SystemTableSetup).toEqual(['12']);
    expect(warnings).toEqual([]);
  });
});

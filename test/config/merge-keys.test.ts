// YAML merge keys (`<<: *anchor` and `<<: {inline map}`): members that share a level, location and business unit
// write them once. Keys written beside the merge win over merged ones, as YAML 1.1 merge says.
import { describe, expect, it } from 'vitest';
import { loadDesiredStateFromText } from '../../src/config/load-desired-state-from-text.js';

const TEXT = `version: 1
roles:
  - name: BrightGaugeAPI
    profiles: [brightgauge]
members:
  - &api
    identifier: brightgauge
    name: BrightGauge API
    role: BrightGaugeAPI
    level: Corporate (Level 1)
    location: Tampa
    businessUnit: Admin
  - <<: *api
    identifier: wisesync
    name: Wise-Sync API
  - <<: { level: Corporate (Level 1), location: Tampa, businessUnit: Admin, role: BrightGaugeAPI }
    identifier: third
    name: Third API
`;

describe('merge keys', () => {
  it('merges an anchored member and an inline map; explicit keys win', () => {
    const result = loadDesiredStateFromText(TEXT);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const members = result.state!.members.map((m) => ({ id: m.identifier, name: m.name, role: m.role, location: m.location }));
    expect(members).toEqual([
      { id: 'brightgauge', name: 'BrightGauge API', role: 'BrightGaugeAPI', location: 'Tampa' },
      { id: 'wisesync', name: 'Wise-Sync API', role: 'BrightGaugeAPI', location: 'Tampa' },
      { id: 'third', name: 'Third API', role: 'BrightGaugeAPI', location: 'Tampa' },
    ]);
  });
  it('still names the file and line of an error in a merged member', () => {
    const result = loadDesiredStateFromText(TEXT.replace('name: Wise-Sync API', 'name: Wise-Sync API\n    colour: blue'));
    const error = result.diagnostics.find((d) => d.severity === 'error');
    expect(error?.summary).toMatch(/unknown key 'colour'/);
    expect(error?.source).toMatchObject({ file: 'cwctl.yaml', line: 16 });
  });
});

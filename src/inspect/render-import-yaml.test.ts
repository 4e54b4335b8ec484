import { Document, isMap, isScalar, isSeq } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderImportYaml } from './render-import-yaml.js';
import type { ImportYamlParts } from './render-import-yaml.js';

/** How import wrote its YAML before: one Document of everything (the reference the streamed text must equal). */
function wholeDocument(parts: ImportYamlParts): string {
  const content: Record<string, unknown> = { ...parts.top, roles: parts.roles.map((r) => r.doc), members: parts.members };
  if (parts.mappings) content.mappings = { managedDevices: parts.mappings };
  const doc = new Document(content);
  doc.commentBefore = parts.header;
  const rolesNode = doc.get('roles', true);
  if (isSeq(rolesNode)) {
    rolesNode.items.forEach((item, i) => {
      if (!isMap(item)) return;
      const permissions = item.get('permissions', true);
      if (isMap(permissions)) for (const pair of permissions.items) if (isMap(pair.value)) pair.value.flow = true;
      const comment = parts.roles[i]?.comment;
      if (comment) item.commentBefore = comment;
    });
  }
  const mappingsNode = doc.getIn(['mappings', 'managedDevices'], true);
  if (isSeq(mappingsNode)) {
    for (const m of mappingsNode.items) {
      const rows = isMap(m) ? m.get('crossReferences', true) : undefined;
      if (isSeq(rows)) for (const row of rows.items) if (isMap(row)) row.flow = true;
    }
  }
  const versionNode = doc.get('version', true);
  if (isScalar(versionNode)) versionNode.type = 'PLAIN';
  return doc.toString({ lineWidth: 0 });
}

const header = ' Imported by cwctl import from acme at psa.example.com on 2026-01-01T00:00:00.000Z.\n The live PSA as it was.';
const parts: ImportYamlParts = {
  header,
  top: { version: 1, psa: { site: 'psa.example.com', company: 'acme' } },
  roles: [
    {
      doc: {
        name: 'Technician',
        permissions: { 'Service Desk / Service Tickets': { edit: 'My', inquire: 'All' }, 'Companies / Contacts': { inquire: 'All' } },
        tableSetup: [],
        unlisted: 'none',
      },
      comment: ' Table Setup access cannot be read through the API for this role: tableSetup is written empty.',
    },
    { doc: { name: 'yes', profiles: ['BrightGauge'], tableSetup: ['Company / Team Role', 'Service / Board'], customize: { SystemReports: ['A: b', '#x'] }, unlisted: 'none' } },
    { doc: { name: "Quote's \"odd\": - #name", permissions: { '123 / 0x1F': { add: 'All' } }, unlisted: 'none' } },
    { doc: { name: 'two\nlines\n\nwith a blank', unlisted: 'none' } },
    { doc: { name: ' leading space', external: true }, comment: ' Held by an imported member.' },
  ],
  members: [{ identifier: 'api1', name: 'API One', role: 'Technician', level: 'Corporate (Level 1)', inactive: true }],
  mappings: [{ name: 'RMM', solution: 'Datto', loginBy: 'Global', defaultBillingLevel: 'Detail', crossReferences: [{ vendorType: 'Server', product: 'X' }] }],
};

describe('renderImportYaml', () => {
  it('writes what one Document of everything wrote, byte for byte', () => {
    expect(renderImportYaml(parts)).toBe(wholeDocument(parts));
  });

  it('the same without psa, mappings or roles', () => {
    const bare: ImportYamlParts = { header, top: { version: 1 }, roles: [], members: [] };
    expect(renderImportYaml(bare)).toBe(wholeDocument(bare));
    const { mappings: _unused, ...rest } = parts;
    const noMappings: ImportYamlParts = { ...rest, top: { version: 1 } };
    expect(renderImportYaml(noMappings)).toBe(wholeDocument(noMappings));
  });
});

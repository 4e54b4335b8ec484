// Writes the text of a commented starter cwctl.yaml: one role and one API member per integration profile asked
// for, or a small read-only reporting role when none is. Pure text building; `cwctl init` writes it to disk
// (after loading it back through the validator).

import type { IntegrationProfile } from '../catalogue/types.js';

/** Short member identifiers (the PSA allows 15 characters). */
const MEMBER_IDS: Readonly<Record<string, string>> = {
  brightgauge: 'brightgauge',
  'datto-rmm': 'dattormm',
  'kaseya-quote-manager': 'kaseyaqm',
  'wise-sync': 'wisesync',
  'scalepad-lifecycle-manager': 'scalepadlm',
};

export function roleNameFor(profile: IntegrationProfile): string {
  return `${profile.title.replace(/[^A-Za-z0-9]/g, '')}API`.slice(0, 30);
}

function memberIdFor(profile: IntegrationProfile): string {
  return MEMBER_IDS[profile.name] ?? profile.name.replace(/[^a-z0-9]/gi, '').toLowerCase().slice(0, 15);
}

const HEADER = `# cwctl desired state: ConnectWise PSA security as code.
# Check it with "cwctl validate", see what would change with "cwctl plan", apply with "cwctl apply".
# Credentials never go in this file: set CWCTL_PUBLIC_KEY, CWCTL_PRIVATE_KEY and CWCTL_CLIENT_ID.
version: 1

# Which PSA to manage. Leave it out to use the embedded sandbox (a simulated PSA in .cwctl/sandbox.json).
# psa:
#   site: api-na.myconnectwise.net     # or https://psa.example.com for on-premises
#   company: acme
`;

const MEMBER_NOTE = `    # Names below (level, location, business unit) must exist in your PSA; these exist in the sandbox.`;

function profileBlocks(profiles: readonly IntegrationProfile[]): { roles: string[]; members: string[] } {
  const roles: string[] = [];
  const members: string[] = [];
  for (const p of profiles) {
    const role = roleNameFor(p);
    roles.push(
      `  # ${p.title}: the permissions its setup guide asks for (cwctl profiles show ${p.name}).`,
      `  - name: ${role}`,
      `    profiles: [${p.name}]`,
      `    # permissions:                   # cells named here override the profile's`,
      `    #   Service Desk / Service Tickets: { delete: None }`,
      `    unlisted: none                    # the role grants exactly this; every other function is None`,
    );
    members.push(
      `  - identifier: ${memberIdFor(p)}`,
      `    name: ${`${p.title} API`.slice(0, 30)}`,
      `    role: ${role}`,
      MEMBER_NOTE,
      `    level: ${p.member.level}`,
      `    location: Tampa${p.member.requiresLocation ? '                   # required by ' + p.title : ''}`,
      `    businessUnit: Admin${p.member.requiresBusinessUnit ? '               # required by ' + p.title : ''}`,
      `    apiKeys:                          # cwctl guides key creation and never stores keys`,
      `      - description: ${p.title} production`,
    );
  }
  return { roles, members };
}

const READ_ONLY_EXAMPLE = {
  roles: [
    `  # A read-only role for reporting. "Module / Function" names are matched tolerant of case and spacing;`,
    `  # cwctl validate suggests the catalogue's spelling. Levels: None, My, All. Unlisted levels are None.`,
    `  - name: ReportingReadOnly`,
    `    description: Read-only access for dashboards and reports`,
    `    # profiles: [brightgauge]         # built-in integration profiles: cwctl profiles list`,
    `    permissions:`,
    `      Companies / Company Maintenance: { inquire: All }`,
    `      Service Desk / Service Tickets: { inquire: All }`,
    `      Time & Expense / Time Entry: { inquire: All }`,
    `    tableSetup:                       # Table Setup tables the role may open, "Category / Name"`,
    `      - Service / Service Board`,
    `    unlisted: none                    # none: grant exactly this | ignore: manage only what is listed`,
  ],
  members: [
    `  - identifier: reporting            # Member ID, at most 15 characters`,
    `    name: Reporting API`,
    `    role: ReportingReadOnly`,
    MEMBER_NOTE,
    `    level: Corporate (Level 1)`,
    `    location: Tampa`,
    `    businessUnit: Admin`,
    `    apiKeys:                          # cwctl guides key creation and never stores keys`,
    `      - description: Reporting production`,
  ],
};

export function buildStarterFile(profiles: readonly IntegrationProfile[]): string {
  const blocks = profiles.length > 0 ? profileBlocks(profiles) : READ_ONLY_EXAMPLE;
  return [
    HEADER,
    'roles:',
    ...blocks.roles,
    '',
    'members:',
    ...blocks.members,
    '',
    '# Integration mappings cwctl manages through the API, e.g. an RMM\'s device types:',
    '# mappings:',
    '#   managedDevices:',
    '#     - name: Datto RMM',
    '#       solution: Datto RMM',
    '#       crossReferences:',
    '#         - { vendorType: Workstation, configurationType: Managed Workstation, agreementType: Managed Services, product: RMM-WS }',
    '',
  ].join('\n');
}

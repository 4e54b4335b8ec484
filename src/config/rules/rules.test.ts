// Table tests of each rule through the real pipeline (text -> load -> schema -> rules), asserting the code,
// the line the message points at and its words.
import { describe, expect, it } from 'vitest';
import { loadDesiredStateFromText } from '../load-desired-state-from-text.js';
import { secretKind } from './find-secrets.js';

const role = (body: string, name = 'R'): string => `version: 1\nroles:\n  - name: ${name}\n${body}`;

interface Case {
  name: string;
  yaml: string;
  code: string;
  line: number;
  words: string[];
  hint?: string;
  severity?: 'error' | 'warning';
}

const CASES: Case[] = [
  {
    name: 'unknown function with did-you-mean',
    yaml: role('    permissions:\n      Service Tiket: { inquire: All }\n'),
    code: 'unknown-function', line: 5, words: ["no function 'Service Tiket'"], hint: "did you mean 'Service Desk / Service Tickets'?", severity: 'warning',
  },
  {
    name: 'function in the wrong module',
    yaml: role('    permissions:\n      Finance / Service Tickets: { inquire: All }\n'),
    code: 'unknown-function', line: 5, words: ['Finance / Service Tickets'], hint: 'plan checks it against the functions the PSA lists', severity: 'warning',
  },
  {
    name: 'ambiguous bare name',
    yaml: role('    permissions:\n      Reports: { inquire: All }\n'),
    code: 'ambiguous-function', line: 5, words: ['several modules'], hint: 'Service Desk / Reports',
  },
  {
    name: 'same function under two spellings',
    yaml: role('    permissions:\n      service tickets: { inquire: All }\n      Service Desk/Service Tickets: { add: All }\n'),
    code: 'duplicate-permission', line: 6, words: ['same function', 'Service Desk / Service Tickets'],
  },
  {
    name: 'unknown level',
    yaml: role('    permissions:\n      Service Desk / Service Tickets: { inquire: Al }\n'),
    code: 'unknown-level', line: 5, words: ["unknown level 'Al'", 'None, My or All'], hint: "did you mean 'All'?",
  },
  {
    name: 'Mine accepted with a warning',
    yaml: role('    permissions:\n      Service Desk / Service Tickets: { edit: Mine }\n'),
    code: 'level-spelling', line: 5, words: ["'Mine' read as 'My'"], hint: 'My', severity: 'warning',
  },
  {
    name: 'lower-case all accepted with a warning',
    yaml: role('    permissions:\n      Service Desk / Service Tickets: { inquire: all }\n'),
    code: 'level-spelling', line: 5, words: ["'all' read as 'All'"], severity: 'warning',
  },
  {
    name: 'level a column does not offer',
    yaml: role('    permissions:\n      System / API Reports: { add: All }\n'),
    code: 'level-not-offered', line: 5, words: ['believes System / API Reports has no Add level'], hint: 'only its screen can tell', severity: 'warning',
  },
  {
    name: 'My on a setup function',
    yaml: role('    permissions:\n      System / Table Setup: { inquire: My }\n'),
    code: 'level-not-offered', line: 5, words: ['offers None, All for Inquire, not My'], severity: 'warning',
  },
  {
    name: 'unknown Table Setup table',
    yaml: role('    tableSetup:\n      - Service / Service Bored\n'),
    code: 'unknown-table', line: 5, words: ["no Table Setup table 'Service / Service Bored'"], hint: "did you mean 'Service / Service Board'? plan checks it against the PSA", severity: 'warning',
  },
  {
    name: 'table without its category',
    yaml: role('    tableSetup: [Service Bored]\n'),
    code: 'unknown-table', line: 4, words: ['Service Bored'], hint: 'write it as "Category / Name"', severity: 'warning',
  },
  {
    name: 'unknown table in customize.SystemTableSetup',
    yaml: role('    customize:\n      SystemTableSetup: [Company / Nope Table]\n'),
    code: 'unknown-table', line: 5, words: ['Company / Nope Table'], severity: 'warning',
  },
  {
    name: 'same table twice',
    yaml: role('    tableSetup: [Service / SLA, service/sla]\n'),
    code: 'duplicate-table', line: 4, words: ["'Service / SLA' is listed twice"], severity: 'warning',
  },
  {
    name: 'duplicate role (case-insensitive)',
    yaml: 'version: 1\nroles:\n  - name: Api\n  - name: API\n',
    code: 'duplicate-role', line: 4, words: ["role 'API' is defined twice", 'cwctl.yaml:3:5'],
  },
  {
    name: 'duplicate member',
    yaml: 'version: 1\nroles: [{ name: R }]\nmembers:\n  - { identifier: a, name: A, role: R, level: L }\n  - { identifier: a, name: B, role: R, level: L }\n',
    code: 'duplicate-member', line: 5, words: ["member 'a' is defined twice"],
  },
  {
    name: 'duplicate mapping',
    yaml: 'version: 1\nmappings:\n  managedDevices:\n    - { name: X, solution: X }\n    - { name: x, solution: Y }\n',
    code: 'duplicate-mapping', line: 5, words: ["mapping 'x' is defined twice"],
  },
  {
    name: 'duplicate cross reference',
    yaml: 'version: 1\nmappings:\n  managedDevices:\n    - name: X\n      solution: X\n      crossReferences:\n        - { vendorType: Server }\n        - { vendorType: server }\n',
    code: 'duplicate-cross-reference', line: 8, words: ["vendorType 'server'", 'defined twice'],
  },
  {
    name: 'member role not declared',
    yaml: 'version: 1\nroles: [{ name: BrightGaugeAPI }]\nmembers:\n  - identifier: bg\n    name: BG\n    role: BrightGaugeApi\n    level: L\n',
    code: 'unknown-role', line: 6, words: ["role 'BrightGaugeApi' is not declared"], hint: "did you mean 'BrightGaugeAPI'?",
  },
  {
    name: 'member role unknown, no close name',
    yaml: 'version: 1\nmembers:\n  - { identifier: bg, name: BG, role: Admin, level: L }\n',
    code: 'unknown-role', line: 3, words: ["role 'Admin'"], hint: 'external: true',
  },
  {
    name: 'identifier over 15',
    yaml: 'version: 1\nroles: [{ name: R }]\nmembers:\n  - { identifier: abcdefghijklmnop, name: A, role: R, level: L }\n',
    code: 'too-long', line: 4, words: ['16 characters', 'at most 15'],
  },
  {
    name: 'role name over 30',
    yaml: role('', 'A role name that is much too long for PSA'),
    code: 'too-long', line: 3, words: ['role name', 'at most 30'],
  },
  {
    name: 'member name over 30',
    yaml: 'version: 1\nroles: [{ name: R }]\nmembers:\n  - identifier: a\n    name: A member name that is much too long\n    role: R\n    level: L\n',
    code: 'too-long', line: 5, words: ['member name', 'at most 30'],
  },
  {
    name: 'API key description repeated',
    yaml: 'version: 1\nroles: [{ name: R }]\nmembers:\n  - identifier: a\n    name: A\n    role: R\n    level: L\n    apiKeys:\n      - description: prod\n      - description: Prod\n',
    code: 'duplicate-api-key', line: 10, words: ["'Prod' is repeated"], hint: 'cwctl.yaml:9',
  },
  {
    name: 'unknown profile',
    yaml: role('    profiles: [brightgage]\n'),
    code: 'unknown-profile', line: 4, words: ["unknown profile 'brightgage'"], hint: "did you mean 'brightgauge'?",
  },
  {
    name: 'external role with permissions',
    yaml: role('    external: true\n    permissions:\n      Service Desk / Service Tickets: { inquire: All }\n'),
    code: 'external-role-managed', line: 5, words: ['external', 'sets permissions'],
  },
  {
    name: 'member lacks location a profile requires',
    yaml: 'version: 1\nroles: [{ name: K, profiles: [kaseya-quote-manager] }]\nmembers:\n  - { identifier: k, name: K, role: K, level: Corporate (Level 1), businessUnit: Sales }\n',
    code: 'member-requirement', line: 4, words: ['no location', 'kaseya-quote-manager'],
  },
  {
    name: 'member below the profile level',
    yaml: 'version: 1\nroles: [{ name: B, profiles: [brightgauge] }]\nmembers:\n  - identifier: b\n    name: B\n    role: B\n    level: Team (Level 5)\n',
    code: 'member-level', line: 7, words: ["'Team (Level 5)'", 'Corporate (Level 1)'], severity: 'warning',
  },
  {
    name: 'secret key name',
    yaml: 'version: 1\npsa:\n  site: api-na.myconnectwise.net\n  company: acme\n  privateKey: xxxxxxxx\n',
    code: 'secret-in-file', line: 5, words: ["'privateKey' holds a credential"], hint: 'CWCTL_PRIVATE_KEY',
  },
  {
    name: 'key pair as a value',
    yaml: role('    description: "acme+Ab3dE5gH7jK9mN2p:Qr4sT6uV8wX0yZ1a"\n'),
    code: 'secret-in-file', line: 4, words: ['PSA API key pair'],
  },
  {
    name: 'basic auth header as a value',
    yaml: role('    description: "Authorization: Basic YWNtZStwdWI6cHJpdg=="\n'),
    code: 'secret-in-file', line: 4, words: ['Authorization header'],
  },
];

describe('rules', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const { state, diagnostics } = loadDesiredStateFromText(c.yaml);
    const d = diagnostics.find((x) => x.code === c.code);
    expect(d, JSON.stringify(diagnostics, null, 1)).toBeDefined();
    expect(d!.severity).toBe(c.severity ?? 'error');
    expect(d!.source?.line).toBe(c.line);
    for (const w of c.words) expect(d!.summary).toContain(w);
    if (c.hint) expect(d!.hint).toContain(c.hint);
    if ((c.severity ?? 'error') === 'error') expect(state).toBeUndefined();
  });

  it('never echoes a secret value', () => {
    const { diagnostics } = loadDesiredStateFromText('version: 1\npsa: { site: s, company: c, password: hunter2hunter2 }\nroles:\n  - name: R\n    description: Ab3dE5gH7jK9mN2p:Qr4sT6uV8wX0yZ1a\n');
    expect(diagnostics.filter((d) => d.code === 'secret-in-file')).toHaveLength(2);
    const text = JSON.stringify(diagnostics);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('Ab3dE5gH7jK9mN2p');
    // the secret key is reported once, not also as an unknown key
    expect(diagnostics.filter((d) => d.code === 'unknown-key')).toHaveLength(0);
  });

  it('accepts a file with no problems', () => {
    const { state, diagnostics } = loadDesiredStateFromText(role('    profiles: [datto-rmm]\n    permissions:\n      service tickets: { delete: None }\n'));
    expect(diagnostics).toEqual([]);
    expect(state?.roles[0]?.name).toBe('R');
  });
});

describe('secretKind', () => {
  it.each([
    ['Ab3dE5gH7jK9mN2p', 'a PSA API key'],
    ['acme+Ab3dE5gH7jK9mN2p:Qr4sT6uV8wX0yZ1a', 'a PSA API key pair'],
    ['Bearer eyJhbGciOiJIUzI1NiJ9.x', 'an Authorization header'],
    ['-----BEGIN RSA PRIVATE KEY-----', 'a PEM private key'],
    ['https://user:pass@host', 'a URL with a password (user:password@)'],
    ['ftp://u:p@h', 'a URL with a password (user:password@)'],
    ['see HTTPS://admin:S3cr%40t@psa.example.com/v4_6_release', 'a URL with a password (user:password@)'],
  ])('%s is %s', (value, kind) => expect(secretKind(value)).toBe(kind));

  it.each(['BrightGaugeAPIv2', 'ScalePadLM2024v1', 'Corporate (Level 1)', 'Managed Workstation', 'BrightGauge production', 'abcdefghijklmnop', 'https://user@psa.example.com', 'https://psa.example.com:8443/a@b', 'mailto:a@b.c'])(
    '%s is not a secret', (value) => expect(secretKind(value)).toBeUndefined(),
  );
});

describe('secretKind on long values', () => {
  it('scans a long value with many schemes and no @ in linear time', () => {
    const started = performance.now();
    expect(secretKind(`${'a'.repeat(1_000_000)}://${':'.repeat(1_000_000)}`)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('look-alike names (warnings)', () => {
  const warnings = async (yaml: string): Promise<string[]> => {
    const { loadDesiredStateFromText } = await import('../load-desired-state-from-text.js');
    return loadDesiredStateFromText(yaml).diagnostics.filter((d) => d.code === 'look-alike-name').map((d) => `${d.source?.line}: ${d.summary}`);
  };

  it('warns on a zero-width character, mixed scripts and an NFD name, and on two names that look alike', async () => {
    const yaml = [
      'version: 1',
      'roles:',
      '  - name: "Admin\\u200b"',
      '  - name: "\\u0410dmin"',
      '  - name: "Cafe\\u0301"',
      '  - name: Admin',
      '  - name: Café',
    ].join('\n');
    expect(await warnings(yaml)).toEqual([
      "3: role 'Admin\u200b' holds an invisible or control character (U+200B) at position 6",
      "4: role '\u0410dmin' mixes Latin and Cyrillic letters (it can look like a different name)",
      "4: role '\u0410dmin' looks like role 'Admin\u200b' at cwctl.yaml:3:11 but is a different name",
      "5: role 'Cafe\u0301' is not in Unicode NFC form (a letter and its accent written apart): it looks like, but is not, the composed name",
      "6: role 'Admin' looks like role 'Admin\u200b' at cwctl.yaml:3:11 but is a different name",
      "7: role 'Café' looks like role 'Cafe\u0301' at cwctl.yaml:5:11 but is a different name",
    ]);
  });

  it('stays quiet on plain names, one-script names in other scripts, and a case-only twin (check-duplicates reports that)', async () => {
    expect(await warnings('version: 1\nroles:\n  - name: BrightGaugeAPI\n  - name: Служба\n  - name: Café\n')).toEqual([]);
  });
});

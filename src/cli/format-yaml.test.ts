import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatYamlError, formatYaml } from './format-yaml.js';

const MESSY = [
  'version: 1   # the format',
  'roles:',
  '- name: BrightGaugeAPI',
  '  profiles: [ brightgauge ]',
  '  permissions:        # cells beyond the profile',
  '      Service Desk / Service Tickets: {inquire: All}',
  'members:',
  '- &api',
  '  identifier: brightgauge\r',
  '  name:    "BrightGauge API"',
  '  role: BrightGaugeAPI',
  '  level: Corporate (Level 1)',
  '- <<: *api',
  '  identifier: other',
  '',
  '',
].join('\n');

describe('formatYaml', () => {
  it('indents lists under their key, pads flow maps, keeps comments where they were, anchors and merges', () => {
    expect(formatYaml(MESSY)).toBe([
      'version: 1   # the format',
      'roles:',
      '  - name: BrightGaugeAPI',
      '    profiles: [brightgauge]',
      '    permissions:        # cells beyond the profile',
      '      Service Desk / Service Tickets: { inquire: All }',
      'members:',
      '  - &api',
      '    identifier: brightgauge',
      '    name: "BrightGauge API"',
      '    role: BrightGaugeAPI',
      '    level: Corporate (Level 1)',
      '  - <<: *api',
      '    identifier: other',
      '',
    ].join('\n'));
  });
  it('is idempotent, and every example is already formatted', () => {
    expect(formatYaml(formatYaml(MESSY))).toBe(formatYaml(MESSY));
    const examples = join(import.meta.dirname, '..', '..', 'examples');
    for (const dir of readdirSync(examples).filter((d) => d !== 'workflows')) {
      for (const file of readdirSync(join(examples, dir)).filter((f) => f.endsWith('.yaml'))) {
        const text = readFileSync(join(examples, dir, file), 'utf8');
        expect(formatYaml(text), `${dir}/${file}`).toBe(text);
      }
    }
  });
  it('refuses text that is not valid YAML', () => {
    expect(() => formatYaml('roles: [a\n')).toThrow(FormatYamlError);
    expect(() => formatYaml('a: 1\na: 2\n')).toThrow(FormatYamlError);
  });
});

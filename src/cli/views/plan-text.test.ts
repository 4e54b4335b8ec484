import { afterEach, describe, expect, it } from 'vitest';
import { buildPlan } from '../../plan/build-plan.js';
import { NOW, customizeOf, desired, desiredMember, desiredRole, live, liveMember, liveRole, stateOf } from '../../plan/fixtures.js';
import { PUBLIC_API_CAPABILITIES } from '../../psa/client.js';
import { setColour } from '../output.js';
import { renderPlanJson } from './plan-json.js';
import { renderPlanMarkdown } from './plan-markdown.js';
import { renderPlanText, renderSummaryLine } from './plan-text.js';

const ST = 'Service Desk / Service Tickets';
const plan = buildPlan({
  desired: desired({
    roles: [desiredRole('BG', { [ST]: { inquire: 'All', add: 'My' } }, { customize: customizeOf('SystemTableSetup', ['Company / Company Status']) })],
    members: [desiredMember('bg', 'BG', { apiKeys: [{ description: 'prod' }] })],
  }),
  live: live({ roles: [liveRole('BG', 7)], members: [liveMember('bg', 70, { id: 7, name: 'BG' })] }),
  state: stateOf({ 'role:BG': {}, 'member:bg': {} }),
  capabilities: PUBLIC_API_CAPABILITIES,
  now: NOW,
  target: { site: 'api-na.myconnectwise.net', company: 'acme' },
  sandbox: false,
});

afterEach(() => setColour(undefined));

describe('plan renderers', () => {
  it('writes the Terraform-like summary line', () => {
    expect(renderSummaryLine(plan)).toBe('Plan: 1 to create, 1 to change, 0 to destroy; 5 guided steps; 0 drifted; 2 escalations');
  });

  it('marks guided work and escalations, with a level grid', () => {
    setColour(false);
    const text = renderPlanText(plan);
    expect(text).toContain('cwctl plan for company "acme" at api-na.myconnectwise.net');
    expect(text).toContain('~ role BG \u2191');
    expect(text).toMatch(/Service Desk \/ Service Tickets\s+None -> My\s+None -> All \u2191/);
    expect(text).toContain('Table Setup [guided] \u2191');
    expect(text).toContain("+ API key 'prod' [guided]");
    expect(text).toContain('allow with --allow-escalation');
    expect(text).not.toContain('\u001b[');
  });

  it('colours only when colour is on', () => {
    setColour(true);
    expect(renderPlanText(plan)).toContain('\u001b[');
    setColour(false);
    expect(renderPlanText(plan)).not.toContain('\u001b[');
  });

  it('renders markdown with a collapsible grid per role and the checklist', () => {
    const md = renderPlanMarkdown(plan);
    expect(md).toContain('<details><summary>role BG:');
    expect(md).toContain('| Service Desk / Service Tickets \u2191 | None \u2192 My |  |  | None \u2192 All |');
    expect(md).toContain('Guided steps (5)');
    expect(md).not.toContain('\u001b[');
  });

  it('renders JSON that parses back to the same plan', () => {
    expect(JSON.parse(renderPlanJson(plan))).toEqual(plan);
  });
});

describe('plan text escapes names from the YAML and the PSA', () => {
  it('a role name with a newline and an escape sequence prints on one line, escaped', () => {
    const evil = 'BG\n  + role Forged\u001b[2K';
    const p = buildPlan({
      desired: desired({ roles: [desiredRole(evil, { [ST]: { inquire: 'All' } })], members: [] }),
      live: live({ roles: [], members: [] }),
      state: stateOf({}),
      capabilities: PUBLIC_API_CAPABILITIES,
      now: NOW,
      target: { site: 'api-na.myconnectwise.net', company: 'acme' },
      sandbox: false,
    });
    setColour(false);
    const text = renderPlanText(p);
    expect(text).not.toContain('\u001b');
    expect(text).not.toMatch(/^\s*\+ role Forged/m);
    expect(text).toContain('BG\\n  + role Forged\\x1b[2K');
  });
});

import { describe, expect, it } from 'vitest';
import * as cwctl from './index.js';

describe('library entry', () => {
  it('loads an example through the public API, as the Action and embedders do', async () => {
    const result = await cwctl.loadDesiredState('examples/brightgauge');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.state?.roles.map((r) => r.name)).toContain('BrightGaugeAPI');
  });

  it('exposes each pipeline stage and the exit-code table', () => {
    for (const name of ['loadDesiredState', 'readLiveState', 'buildPlan', 'planAgainstTarget', 'applyPlan', 'readStateFile', 'createHttpPsaClient', 'startSimulator'] as const) {
      expect(typeof cwctl[name], name).toBe('function');
    }
    expect(cwctl.EXIT_CODE_TABLE.map((e) => e.code)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 130]);
    expect(cwctl.findProfile('brightgauge')?.title).toBe('BrightGauge');
  });
});

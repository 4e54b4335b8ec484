import { describe, expect, it } from 'vitest';
import { CwctlError } from '../errors.js';
import { readLogLevel } from './log-level.js';

describe('readLogLevel (CWCTL_LOG)', () => {
  it('reads the levels in any case, trace as debug, info when unset', () => {
    expect(readLogLevel({})).toBe('info');
    expect(readLogLevel({ CWCTL_LOG: ' DEBUG ' })).toBe('debug');
    expect(readLogLevel({ CWCTL_LOG: 'trace' })).toBe('debug');
    expect(readLogLevel({ CWCTL_LOG: 'warn' })).toBe('warn');
  });
  it('refuses an unknown level as bad input (exit 3) with a did-you-mean', () => {
    let caught: unknown;
    try {
      readLogLevel({ CWCTL_LOG: 'debgu' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CwctlError);
    expect((caught as CwctlError).exitCode).toBe(3);
    expect((caught as CwctlError).hint).toContain('debug');
  });
});

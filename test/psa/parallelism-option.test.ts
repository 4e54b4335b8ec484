// --parallelism / CWCTL_PARALLELISM: a whole number 1-64 reaches the client as its bound; anything else is exit 3
// naming where it came from.
import { describe, expect, it } from 'vitest';
import { CwctlError } from '../../src/errors.js';
import { clientLimits, parseParallelism, setParallelism } from '../../src/cli/request-timeout.js';

describe('parseParallelism', () => {
  it.each([['1', 1], ['8', 8], [' 64 ', 64], [16, 16]])('%j is %d', (value, n) => {
    expect(parseParallelism(value, '--parallelism')).toBe(n);
  });

  it('unset is the client default', () => {
    expect(parseParallelism(undefined, 'CWCTL_PARALLELISM')).toBeUndefined();
    expect(parseParallelism('', 'CWCTL_PARALLELISM')).toBeUndefined();
  });

  it.each(['0', '65', '-2', '2.5', 'eight', '1e3'])('%j is exit 3 naming the source', (value) => {
    let error: unknown;
    try {
      parseParallelism(value, 'CWCTL_PARALLELISM');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CwctlError);
    expect((error as CwctlError).exitCode).toBe(3);
    expect((error as CwctlError).message).toContain(`CWCTL_PARALLELISM "${value}" is not a whole number from 1 to 64`);
  });

  it('reaches the client options as its connection (and so request) bound', () => {
    setParallelism(3);
    expect(clientLimits()).toEqual({ maxConnections: 3 });
    setParallelism(undefined);
    expect(clientLimits()).toEqual({});
  });
});

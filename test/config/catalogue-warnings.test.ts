// What cwctl's catalogue doubts is a warning offline (issue #12): an unknown function, a level the catalogue
// believes is not offered, an unknown Table Setup table. The file validates (exit 0), the warning names the line,
// keeps its did-you-mean and says plan checks it against the PSA. The CLI runs from dist/ (npm run build).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadDesiredState } from '../../src/config/load-desired-state.js';

const run = promisify(execFile);
const CLI = 'dist/cli/main.js';

const CASES = [
  { fixture: 'unknown-function', code: 'unknown-function', line: 5, words: ["no function 'Service Tiket'", "did you mean 'Service Desk / Service Tickets'?", 'plan checks'] },
  { fixture: 'wrong-module', code: 'unknown-function', line: 5, words: ["'Sales / Service Tickets'", "did you mean 'Service Desk / Service Tickets'?"] },
  { fixture: 'level-not-offered', code: 'level-not-offered', line: 5, words: ['believes Finance / Billing View Time has no Edit level', 'only its screen can tell'] },
  { fixture: 'unknown-table', code: 'unknown-table', line: 6, words: ["'Service / Service Bored'", "did you mean 'Service / Service Board'?", 'plan checks'] },
] as const;

const pathOf = (fixture: string): string => join('test/fixtures', `catalogue-warning-${fixture}`, 'cwctl.yaml');

describe('catalogue doubts are warnings offline', () => {
  it.each(CASES.map((c) => [c.fixture, c] as const))('%s', async (_name, c) => {
    const { state, diagnostics } = await loadDesiredState(pathOf(c.fixture));
    expect(state).toBeDefined();
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const d = diagnostics.find((x) => x.code === c.code && x.severity === 'warning' && x.source?.line === c.line);
    expect(d, JSON.stringify(diagnostics, null, 1)).toBeDefined();
    const text = `${d!.summary} ${d!.hint ?? ''}`;
    for (const w of c.words) expect(text).toContain(w);
  });

  it('cwctl validate exits 0 and prints the warning with its line', async () => {
    const path = pathOf('unknown-table');
    const { stderr } = await run(process.execPath, [CLI, 'validate', '-f', path], { env: { ...process.env, NO_COLOR: '1' }, timeout: 30_000 });
    expect(stderr).toContain(`${path}:6:`);
    expect(stderr).toContain('warning[unknown-table]');
  });
});

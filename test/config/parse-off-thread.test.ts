// The worker-thread parse (src/config/parse-off-thread.ts) as it runs in the built CLI: from TypeScript sources
// there is no compiled worker, so this loads the module from dist/. Its answer must be the inline parse's, spans
// and all, and a text the fast parser refuses must still come back refused (the exact parser takes it).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFast } from '../../src/config/load-fast.js';
import type * as OffThread from '../../src/config/parse-off-thread.js';
import { ROOT, ensureBuilt } from '../e2e/helpers/cli.js';

let built: typeof OffThread;
beforeAll(async () => {
  ensureBuilt();
  built = (await import(pathToFileURL(join(ROOT, 'dist', 'src', 'config', 'parse-off-thread.js')).href)) as typeof OffThread;
}, 120_000);

const bigFile = (roles: number): string =>
  `version: 1\nroles:\n${Array.from({ length: roles }, (_, i) => `  - name: Role ${i}\n    permissions:\n      Service Desk / Service Tickets: { inquire: All, add: "${i % 2 ? 'My' : 'None'}" }\n      Companies / Company Maintenance: { inquire: All }\n`).join('')}`;

describe('parse off the main thread (built)', () => {
  it('gives the inline parse: the same value and the same spans', async () => {
    const text = bigFile(3000);
    expect(text.length).toBeGreaterThan(built.OFF_THREAD_MIN_CHARS);
    const inline = parseFast(text, 64)!;
    built.startParse(text, 64);
    const off = (await built.parseFastOffThread(text, 64))!;
    expect(off.value).toEqual(inline.value);
    const paths: (string | number)[][] = [[], ['roles'], ['roles', 0, 'name'], ['roles', 2999, 'permissions', 'Service Desk / Service Tickets', 'add'], ['roles', 1500, 'nope']];
    for (const path of paths) {
      for (const which of ['value', 'key'] as const) expect(off.spans.spanOf('f.yaml', path, which)).toEqual(inline.spans.spanOf('f.yaml', path, which));
    }
  }, 60_000);

  it('hands a text started early to the later parse of the same text, refuses what the fast parser refuses, and parses the rest inline', async () => {
    const text = bigFile(2500);
    built.startParse(text, 64);
    expect((await built.parseFastOffThread(text, 64))?.value).toEqual(parseFast(text, 64)?.value);
    const anchored = `${bigFile(2500)}extra: &a { x: 1 }\nmore: *a\n`;
    expect(parseFast(anchored, 64)).toBeUndefined();
    built.startParse(anchored, 64);
    expect(await built.parseFastOffThread(anchored, 64)).toBeUndefined();
    // A text nobody started early is parsed on this thread (no worker's heap on top for a file read later).
    expect((await built.parseFastOffThread(bigFile(2600), 64))?.value).toEqual(parseFast(bigFile(2600), 64)?.value);
    // Every parse above ran on a worker: none fell back to this thread.
    expect(built.offThreadCounts()).toEqual({ worker: 3, fallback: 0 });
  }, 60_000);
});

// The worker-thread parse (src/config/parse-off-thread.ts) as it runs in the built CLI: from TypeScript sources
// there is no compiled worker, so this loads the module from dist/. Its answer must be the inline parse's, node
// index and all, and a text the fast parser refuses must still come back refused (the exact parser takes it).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFastParts } from '../../src/config/load-fast.js';
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
  it('gives the inline parse: the same value and node index', async () => {
    const text = bigFile(3000);
    expect(text.length).toBeGreaterThan(built.OFF_THREAD_MIN_CHARS);
    const inline = parseFastParts(text, 64)!;
    const off = (await built.parseFastPartsOffThread(text, 64))!;
    expect(off.value).toEqual(inline.value);
    expect([...off.starts]).toEqual([...inline.starts]);
    expect([...off.ends]).toEqual([...inline.ends]);
    expect([...off.kinds]).toEqual([...inline.kinds]);
  }, 60_000);

  it('hands a text started early to the later parse of the same text, and refuses what the fast parser refuses', async () => {
    const text = bigFile(2500);
    built.startParse(text, 64);
    expect((await built.parseFastPartsOffThread(text, 64))?.value).toEqual(parseFastParts(text, 64)?.value);
    const anchored = `${bigFile(2500)}extra: &a { x: 1 }\nmore: *a\n`;
    expect(parseFastParts(anchored, 64)).toBeUndefined();
    expect(await built.parseFastPartsOffThread(anchored, 64)).toBeUndefined();
    // Every parse above ran on a worker: none fell back to this thread.
    expect(built.offThreadCounts()).toEqual({ worker: 3, fallback: 0 });
  }, 60_000);
});

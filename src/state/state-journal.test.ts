import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newStateFile, readStateFile } from './state-file.js';
import type { StateMutation } from './state-journal.js';
import { createStateJournal } from './state-journal.js';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'cwctl-journal-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

const target = { site: 'sandbox', company: 'sandbox' };
const record = (n: number): StateMutation => (resources) => {
  resources[`role:R${n}`] = { kind: 'role', digest: `sha256:${n}`, appliedAt: 'x' };
};

describe('state journal', () => {
  it('groups changes saved while a write is under way into the next write, keeping every change', async () => {
    const writes: number[] = [];
    const journal = createStateJournal({ stateDir: dir, state: newStateFile(target), afterWrite: (n) => writes.push(n) });
    await Promise.all([1, 2, 3, 4, 5].map((n) => journal.save(record(n))));
    await journal.flush();
    const state = (await readStateFile(dir))!;
    expect(Object.keys(state.resources).sort()).toEqual(['role:R1', 'role:R2', 'role:R3', 'role:R4', 'role:R5']);
    expect(writes.length).toBeLessThan(5);
    expect(journal.state.serial).toBe(state.serial);
  });

  it('with writeEach, writes once per change and reports each write', async () => {
    const writes: number[] = [];
    const journal = createStateJournal({ stateDir: dir, state: newStateFile(target), writeEach: true, afterWrite: (n) => writes.push(n) });
    await Promise.all([1, 2, 3].map((n) => journal.save(record(n))));
    expect(writes).toEqual([1, 2, 3]);
    expect((await readStateFile(dir))!.serial).toBe(3);
  });
});

// The state journal of one apply: each change to the resources is written to state before the caller goes on,
// writes are chained so concurrent completions never race, and what completes while a write is under way goes
// into the next write together (group commit: each write is two fsyncs; one per operation made a 200-role apply
// wait on the disk). Every write holds a prefix of the changes in the order they were saved, so a crash leaves
// a state that one write per change could have left too.
import type { Address } from '../model/address.js';
import type { StateFile, StateResource } from '../model/state.js';
import { writeStateFile } from './state-file.js';

/** A change to the resources of state (applied to a copy; the journal writes the result). */
export type StateMutation = (resources: Record<Address, StateResource>) => void;

export interface StateJournalOptions {
  stateDir: string;
  /** The state the journal starts from (read under the lock). */
  state: StateFile;
  /**
   * One write per change instead of group commit, so every change is its own crash point (crash tests kill the
   * process after the N-th write and expect N changes recorded).
   */
  writeEach?: boolean | undefined;
  /** Called after each write with how many writes this journal has made (e.g. a crash test's kill switch). */
  afterWrite?: ((writes: number) => void) | undefined;
}

export interface StateJournal {
  /** The state as last written (or as given, before the first write). */
  readonly state: StateFile;
  /** Records a change; resolves once a write holding it (and every change saved before it) is on disk. */
  save(mutate: StateMutation): Promise<void>;
  /** Resolves when every write so far has finished; rejects when the last one failed. */
  flush(): Promise<void>;
}

export function createStateJournal(options: StateJournalOptions): StateJournal {
  let state = options.state;
  let writes: Promise<void> = Promise.resolve();
  let nextWrite: Promise<void> | undefined;
  let queued: StateMutation[] = [];
  let written = 0;
  const writeWith = async (batch: readonly StateMutation[]): Promise<void> => {
    const resources = { ...state.resources };
    for (const mutate of batch) mutate(resources);
    state = await writeStateFile(options.stateDir, { ...state, resources });
    written += 1;
    options.afterWrite?.(written);
  };
  const save = (mutate: StateMutation): Promise<void> => {
    if (options.writeEach) {
      writes = writes.then(() => writeWith([mutate]));
      return writes;
    }
    queued.push(mutate);
    if (nextWrite) return nextWrite;
    const write = writes.then(() => {
      const batch = queued;
      queued = [];
      nextWrite = undefined;
      return writeWith(batch);
    });
    nextWrite = write;
    writes = write;
    return write;
  };
  return {
    get state() {
      return state;
    },
    save,
    flush: () => writes,
  };
}

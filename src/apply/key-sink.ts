// Hands a verified new API key pair to where the operator asked for it: --keys-out FILE (0600, rewritten
// atomically, one `MEMBER=PUBLIC:PRIVATE` line per key) or, in GitHub Actions, step outputs after
// `::add-mask::`. These are the only places a private key is ever written.
import { appendFile, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../state/atomic-write.js';

export interface KeyForSink {
  identifier: string;
  description: string;
  publicKey: string;
  privateKey: string;
  verifiedAt: string;
}

export interface KeySink {
  /** For messages: "keys.env (0600)", "GitHub step outputs". */
  readonly describe: string;
  put(key: KeyForSink): Promise<void>;
}

export interface KeySinkOptions {
  keysOut?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /**
   * Writes a workflow command line to stdout (the CLI's printOut). Absent when stdout is a report another program
   * captures (the Action logs it inertly and copies it into the job summary): then no mask line may be printed.
   */
  emitWorkflowCommand?: ((line: string) => void) | undefined;
}

/** The sink to use, or undefined when none is configured (the operator then keeps the pair they created). */
export function createKeySink(options: KeySinkOptions): KeySink | undefined {
  if (options.keysOut) return fileSink(options.keysOut);
  const env = options.env ?? process.env;
  if (env.GITHUB_OUTPUT) return githubSink(env.GITHUB_OUTPUT, options.emitWorkflowCommand);
  return undefined;
}

/** `brightgauge` -> `BRIGHTGAUGE` style name used in keys files and step outputs. */
export const keyOutputName = (identifier: string): string => identifier.replace(/[^A-Za-z0-9]/g, '_');

function fileSink(path: string): KeySink {
  return {
    describe: `${path} (mode 0600)`,
    put: async (key) => {
      // Keep every other key from earlier runs; replace only this member's key of this description.
      let existing: string[];
      try {
        existing = (await readFile(path, 'utf8')).split(/\r?\n/).filter((line) => line !== '');
      } catch {
        existing = ['# API keys handed over by cwctl (MEMBER=PUBLIC:PRIVATE). Secret: keep this file private and out of version control.'];
      }
      const marker = `# ${key.identifier}: ${JSON.stringify(key.description)},`;
      const at = existing.findIndex((line) => line.startsWith(marker));
      const block = [`${marker} verified ${key.verifiedAt}`, `${keyOutputName(key.identifier)}=${key.publicKey}:${key.privateKey}`];
      const kept = at === -1 ? [...existing, ...block] : [...existing.slice(0, at), ...block, ...existing.slice(at + 2)];
      await writeFileAtomic(path, `${kept.join('\n')}\n`, { mode: 0o600 });
    },
  };
}

function githubSink(outputFile: string, emit: ((line: string) => void) | undefined): KeySink {
  return {
    describe: emit ? 'GitHub step outputs (masked)' : 'GitHub step outputs (not masked: mask them before use)',
    put: async (key) => {
      // Mask first, so the value is hidden in the log before it exists anywhere in the job.
      emit?.(`::add-mask::${key.privateKey}`);
      // Several keys of one member stay apart: the output name carries the description.
      const name = `${keyOutputName(key.identifier)}_${keyOutputName(key.description)}`.toLowerCase().replace(/_+/g, '_');
      await appendFile(outputFile, `${name}_public_key=${key.publicKey}\n${name}_private_key=${key.privateKey}\n`, { mode: 0o600 });
    },
  };
}

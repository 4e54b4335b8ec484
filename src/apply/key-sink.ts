// Hands a verified new API key pair to where the operator asked for it: --keys-out FILE (0600, rewritten
// atomically, one `MEMBER=PUBLIC:PRIVATE` line per member) or, in GitHub Actions, step outputs after
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
  /** Writes a workflow command line to stdout (the CLI's printOut). */
  emitWorkflowCommand?: (line: string) => void;
}

/** The sink to use, or undefined when none is configured (the operator then keeps the pair they created). */
export function createKeySink(options: KeySinkOptions): KeySink | undefined {
  if (options.keysOut) return fileSink(options.keysOut);
  const env = options.env ?? process.env;
  if (env.GITHUB_OUTPUT && options.emitWorkflowCommand) return githubSink(env.GITHUB_OUTPUT, options.emitWorkflowCommand);
  return undefined;
}

/** `brightgauge` -> `BRIGHTGAUGE` style name used in keys files and step outputs. */
export const keyOutputName = (identifier: string): string => identifier.replace(/[^A-Za-z0-9]/g, '_');

function fileSink(path: string): KeySink {
  return {
    describe: `${path} (mode 0600)`,
    put: async (key) => {
      // Keep other members' lines from earlier runs; replace this member's.
      let existing: string[] = [];
      try {
        existing = (await readFile(path, 'utf8')).split(/\r?\n/);
      } catch {
        existing = ['# API keys handed over by cwctl. Secret: keep this file private and out of version control.'];
      }
      const name = keyOutputName(key.identifier);
      const kept: string[] = [];
      for (let i = 0; i < existing.length; i += 1) {
        const line = existing[i] as string;
        if (line.startsWith(`${name}=`)) {
          if (kept.at(-1)?.startsWith('# ') && kept.at(-1)?.includes(' verified ')) kept.pop();
          continue;
        }
        if (line !== '') kept.push(line);
      }
      kept.push(`# ${key.identifier}: "${key.description}", verified ${key.verifiedAt}`, `${name}=${key.publicKey}:${key.privateKey}`);
      await writeFileAtomic(path, `${kept.join('\n')}\n`, { mode: 0o600 });
    },
  };
}

function githubSink(outputFile: string, emit: (line: string) => void): KeySink {
  return {
    describe: 'GitHub step outputs (masked)',
    put: async (key) => {
      // Mask first, so the value is hidden in the log before it exists anywhere in the job.
      emit(`::add-mask::${key.privateKey}`);
      const name = keyOutputName(key.identifier).toLowerCase();
      await appendFile(outputFile, `${name}_public_key=${key.publicKey}\n${name}_private_key=${key.privateKey}\n`, { mode: 0o600 });
    },
  };
}

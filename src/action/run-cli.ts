// Runs the built cwctl CLI (the bundle in dist/cli/, as `npm run build` makes it) as a child process
// and collects its exit code, stdout and stderr. It does not interpret the output.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Called with each chunk of stderr as it comes, so progress shows in the job log live. */
  onStderr?: (chunk: string) => void;
}

export type CliRunner = (options: RunCliOptions) => Promise<CliResult>;

/** The shipped CLI, dist/cli/main.js, resolved from this module's place in the build (dist/src/action/). */
export function defaultCliPath(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cli', 'main.js');
}

export function createCliRunner(cliPath: string = defaultCliPath()): CliRunner {
  return (options) =>
    new Promise<CliResult>((resolve, reject) => {
      const child = spawn(process.execPath, [cliPath, ...options.args], {
        cwd: options.cwd,
        env: options.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        options.onStderr?.(chunk);
      });
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ exitCode: code ?? (signal ? 130 : 1), stdout, stderr }));
    });
}

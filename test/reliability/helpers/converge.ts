// Drives one example to convergence the way CI and a person would: apply (API steps; exit 8 while guided
// steps wait), `cwctl sim operator` plays the checklist at the simulated PSA screens, apply again with the
// new keys (exit 0), then plan (exit 0: nothing left). Exits 4 and 7 (a fault outlasted the retries, or a
// crash) are answered by running the same step again, as the README tells a user to. Test code only.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plan } from '../../../src/model/plan.js';
import { ROOT, runCli } from './run-cli.js';
import type { CliResult } from './run-cli.js';

export const EXAMPLES = ['brightgauge', 'datto-rmm', 'kaseya-quote-manager', 'scalepad-lifecycle-manager', 'wise-sync', 'msp'] as const;
export type Example = (typeof EXAMPLES)[number];

export const exampleFile = (example: string): string => join(ROOT, 'examples', example, ...(example === 'msp' ? [] : ['cwctl.yaml']));

export interface ConvergeResult {
  /** Every CLI run: the step and its exit code. */
  runs: { step: string; code: number; ms: number }[];
  /** Extra runs needed because a step ended in 4 or 7. */
  reruns: number;
  /** Applies refused as escalations (exit 6) and run again with --allow-escalation (only with `escalationFallback`). */
  escalationRefusals: number;
  finalPlanCode: number;
  ms: number;
  /** Output of every run, for the secrets scanner and for failure messages. */
  outputs: string[];
}

interface ApplyJson {
  plan: Plan;
  pending: number;
}

/**
 * Runs `step` until it ends in something other than 4/7 (at most `attempts` times), as a user would. With
 * `escalationFallback`, an apply refused as an escalation (exit 6) is counted and run again with
 * --allow-escalation, so a campaign can go on measuring what it measures.
 */
async function runStep(name: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, out: ConvergeResult, escalationFallback = false, attempts = 4): Promise<CliResult> {
  let last: CliResult | undefined;
  let extra: string[] = [];
  for (let i = 0; i < attempts; i++) {
    if (i > 0) out.reruns++;
    last = await runCli([...args, ...extra], { cwd, env, limitMs: 120_000 });
    if (escalationFallback && last.code === 6 && args.includes('apply') && extra.length === 0 && /unsafe changes/.test(last.stderr)) {
      out.escalationRefusals++;
      out.runs.push({ step: name, code: last.code, ms: Math.round(last.ms) });
      extra = ['--allow-escalation'];
      last = await runCli([...args, ...extra], { cwd, env, limitMs: 120_000 });
    }
    out.runs.push({ step: name, code: last.code, ms: Math.round(last.ms) });
    out.outputs.push(last.stdout, last.stderr);
    if (last.hung) throw new Error(`${name} hung (killed after 120 s): ${last.stderr.slice(-2000)}`);
    if (last.code !== 4 && last.code !== 7) return last;
  }
  return last as CliResult;
}

/** `applyArgs` go to every apply; `escalationFallback`: see runStep. */
export async function convergeExample(file: string, cwd: string, env: NodeJS.ProcessEnv, extraArgs: string[] = [], applyArgs: string[] = [], escalationFallback = false): Promise<ConvergeResult> {
  const started = performance.now();
  const out: ConvergeResult = { runs: [], reruns: 0, escalationRefusals: 0, finalPlanCode: -1, ms: 0, outputs: [] };
  const base = ['-f', file, '--state-dir', join(cwd, '.cwctl'), ...extraArgs];

  const first = await runStep('apply', [...base, 'apply', '--auto-approve', '--format', 'json', ...applyArgs], cwd, env, out, escalationFallback);
  if (first.code !== 8 && first.code !== 0) throw new Error(`first apply exited ${first.code}: ${first.stderr.slice(-3000)}`);
  if (first.code === 8) {
    const report = JSON.parse(first.stdout) as ApplyJson;
    await writeFile(join(cwd, 'plan.json'), JSON.stringify(report.plan));
    const op = await runStep('operator', [...base, 'sim', 'operator', '--plan', join(cwd, 'plan.json'), '--keys-out', join(cwd, 'new-keys.env')], cwd, env, out);
    if (op.code !== 0) throw new Error(`sim operator exited ${op.code}: ${op.stderr.slice(-3000)}`);
    const person = [...new Set(report.plan.guided.filter((s) => s.verify === 'person').map((s) => s.address))];
    const confirms = person.flatMap((a) => ['--confirm', a]);
    const second = await runStep('apply', [...base, 'apply', '--auto-approve', ...applyArgs, '--new-keys', join(cwd, 'new-keys.env'), '--keys-out', join(cwd, 'secrets.env'), ...confirms], cwd, env, out, escalationFallback);
    if (second.code !== 0) throw new Error(`second apply exited ${second.code}: ${second.stdout.slice(-2000)}${second.stderr.slice(-3000)}`);
  }
  const plan = await runStep('plan', [...base, 'plan', '--detailed-exitcode'], cwd, env, out);
  out.finalPlanCode = plan.code;
  out.ms = Math.round(performance.now() - started);
  return out;
}

// The --target / --exclude options of plan and apply (repeatable or comma-separated addresses, e.g.
// role:BrightGaugeAPI, member:brightgauge) and the selection they make. See src/plan/select-targets.ts.
import type { Argv } from 'yargs';
import type { PlanSelection } from '../model/plan.js';

export interface TargetArgs {
  target: string[];
  exclude: string[];
}

export function withTargetOptions<T>(y: Argv<T>): Argv<T & TargetArgs> {
  return y
    .option('target', { type: 'string', array: true, default: [] as string[], describe: 'Only this ADDRESS and what is under it (and what it needs), e.g. role:BrightGaugeAPI (repeatable)' })
    .option('exclude', { type: 'string', array: true, default: [] as string[], describe: 'Leave this ADDRESS and what is under it out, e.g. member:brightgauge (repeatable)' });
}

const split = (values: readonly unknown[]): string[] => values.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '');

export function selectionOf(args: Partial<TargetArgs>): PlanSelection | undefined {
  const targets = split(args.target ?? []);
  const excludes = split(args.exclude ?? []);
  return targets.length === 0 && excludes.length === 0 ? undefined : { targets, excludes };
}

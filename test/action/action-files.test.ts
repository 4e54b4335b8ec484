// action.yml and the example workflows: they parse, the action's inputs and outputs are what the docs promise,
// every script they reference exists, every use of the action passes only inputs it declares, and apply is serialised.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
// Parsed YAML is explored freely here; the assertions are the type checks.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Yaml = Record<string, any>;
const load = (path: string): Yaml => parse(readFileSync(join(root, path), 'utf8')) as Yaml;

const action = load('action.yml');
const workflowDir = 'examples/workflows';
const workflows = readdirSync(join(root, workflowDir)).filter((f) => f.endsWith('.yml'));

function stepsOf(workflow: Yaml): Yaml[] {
  return Object.values(workflow.jobs as Record<string, Yaml>).flatMap((job) => (job.steps ?? []) as Yaml[]);
}
const usesAction = (step: Yaml): boolean => typeof step.uses === 'string' && /\/cwctl@/.test(step.uses);

describe('action.yml', () => {
  it('is a composite action that builds cwctl in its own path with node >= 20 and runs the compiled entry', () => {
    expect(action.runs.using).toBe('composite');
    const steps = action.runs.steps as Yaml[];
    const setup = steps.find((s) => String(s.uses).startsWith('actions/setup-node@'));
    expect(setup).toBeDefined();
    expect(Number(String(action.inputs['node-version'].default))).toBeGreaterThanOrEqual(20);
    const build = steps.find((s) => typeof s.run === 'string' && s.run.includes('npm run build'));
    expect(build?.run).toContain('npm ci');
    expect(build?.run).not.toContain('--omit=dev'); // tsc is a dev dependency
    expect(build?.['working-directory']).toBe('${{ github.action_path }}');
    for (const step of steps.filter((s) => s.run)) expect(step.shell).toBe('bash');
  });

  it('runs dist/src/action/run-action.js, which the build makes from src/action/run-action.ts', () => {
    const run = (action.runs.steps as Yaml[]).map((s) => String(s.run ?? '')).join('\n');
    const match = /node "\$\{\{ github\.action_path \}\}\/(dist\/src\/[^"]+)\.js"/.exec(run);
    expect(match?.[1]).toBe('dist/src/action/run-action');
    expect(existsSync(join(root, 'src/action/run-action.ts'))).toBe(true);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.scripts.build).toContain('tsconfig.build.json');
    const buildConfig = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8'));
    expect(buildConfig.include).toContain('src');
  });

  it('declares the inputs and outputs the docs describe, with command required', () => {
    expect(action.inputs.command.required).toBe(true);
    for (const name of ['config', 'working-directory', 'site', 'company', 'github-token', 'comment-on-pr', 'extra-args']) {
      expect(action.inputs[name], name).toBeDefined();
      expect(action.inputs[name].required, name).not.toBe(true);
    }
    expect(action.inputs.config.default).toBe('cwctl.yaml');
    expect(action.inputs['github-token'].default).toBe('${{ github.token }}');
    expect(String(action.inputs['comment-on-pr'].default)).toBe('true');
    for (const name of ['exitcode', 'has-changes', 'plan-json']) {
      expect(action.outputs[name].value).toBe(`\${{ steps.cwctl.outputs.${name} }}`);
    }
  });

  it('hands every input to the entry script as INPUT_* (a composite action does not do it by itself)', () => {
    const run = (action.runs.steps as Yaml[]).find((s) => s.id === 'cwctl');
    for (const name of Object.keys(action.inputs as Yaml).filter((n) => n !== 'node-version')) {
      const variable = `INPUT_${name.replace(/-/g, '_').toUpperCase()}`;
      expect(run?.env?.[variable], variable).toBe(`\${{ inputs.${name} }}`);
    }
  });

  it('never puts a key in an input: keys come from the environment as secrets', () => {
    const text = readFileSync(join(root, 'action.yml'), 'utf8');
    expect(text).not.toMatch(/private-key|public-key|client-id/i);
  });
});

describe('example workflows', () => {
  it('has the four examples', () => {
    expect(workflows.sort()).toEqual(['apply-on-merge.yml', 'drift-nightly.yml', 'multi-site.yml', 'plan-on-pull-request.yml']);
  });

  it.each(workflows)('%s uses the action with its required inputs and only declared ones, keys from secrets', (file) => {
    const workflow = load(join(workflowDir, file));
    const uses = stepsOf(workflow).filter(usesAction);
    expect(uses.length).toBeGreaterThan(0);
    for (const step of uses) {
      for (const [name, spec] of Object.entries(action.inputs as Record<string, Yaml>)) {
        if (spec.required) expect(step.with?.[name], `${file}: input ${name}`).toBeDefined();
      }
      for (const name of Object.keys((step.with ?? {}) as Yaml)) expect(action.inputs[name], `${file}: unknown input ${name}`).toBeDefined();
      for (const key of ['CWCTL_PUBLIC_KEY', 'CWCTL_PRIVATE_KEY', 'CWCTL_CLIENT_ID']) {
        expect(String(step.env?.[key]), `${file}: ${key}`).toMatch(/^\$\{\{ secrets[.[]/);
      }
    }
  });

  it.each(workflows)('%s references only outputs the action declares and scripts that exist', (file) => {
    const text = readFileSync(join(root, workflowDir, file), 'utf8');
    for (const match of text.matchAll(/steps\.[\w-]+\.outputs\.([\w-]+)/g)) {
      expect(action.outputs[match[1]!], `${file}: output ${match[1]}`).toBeDefined();
    }
    // Any local script a step runs must be in this repository.
    for (const match of text.matchAll(/(?:^|\s)(?:bash|node|sh)\s+(\.{0,2}\/?[\w./-]+\.(?:sh|js|mjs))/gm)) {
      expect(existsSync(join(root, match[1]!)), `${file}: ${match[1]}`).toBe(true);
    }
  });

  it('apply-on-merge runs on push to main, serialised and never cancelled, and keeps the state', () => {
    const workflow = load(join(workflowDir, 'apply-on-merge.yml'));
    expect(workflow.on.push.branches).toContain('main');
    expect(workflow.concurrency).toEqual({ group: 'cwctl-apply', 'cancel-in-progress': false });
    expect(workflow.permissions.contents).toBe('write');
    const steps = stepsOf(workflow);
    expect(steps.find(usesAction)?.with?.command).toBe('apply');
    expect(steps.some((s) => String(s.run ?? '').includes('git add .cwctl/state.json'))).toBe(true);
  });

  it('plan-on-pull-request runs plan on pull requests with the permission to comment', () => {
    const workflow = load(join(workflowDir, 'plan-on-pull-request.yml'));
    expect(workflow.on.pull_request).toBeDefined();
    expect(workflow.permissions['pull-requests']).toBe('write');
    expect(stepsOf(workflow).find(usesAction)?.with?.command).toBe('plan');
  });

  it('drift-nightly is scheduled and opens, updates or closes one cwctl-drift issue', () => {
    const workflow = load(join(workflowDir, 'drift-nightly.yml'));
    expect(workflow.on.schedule[0].cron).toMatch(/^[\d*]+ [\d*]+ /);
    expect(workflow.permissions.issues).toBe('write');
    const steps = stepsOf(workflow);
    expect(steps.find(usesAction)?.with?.command).toBe('drift');
    const script = steps.map((s) => String(s.run ?? '')).join('\n');
    for (const piece of ['--label cwctl-drift', 'gh issue create', 'gh issue edit', 'gh issue close']) expect(script).toContain(piece);
  });

  it('multi-site runs a matrix of sites, each with its own working directory and keys', () => {
    const workflow = load(join(workflowDir, 'multi-site.yml'));
    const job = Object.values(workflow.jobs as Record<string, Yaml>)[0]!;
    expect(job.strategy.matrix.site.length).toBeGreaterThan(1);
    expect(String(job.concurrency.group)).toContain('matrix.site.name');
    const step = (job.steps as Yaml[]).find(usesAction)!;
    expect(step.with['working-directory']).toContain('matrix.site');
    expect(step.env.CWCTL_PRIVATE_KEY).toContain('matrix.site.key');
  });
});

// `cwctl sim operator --plan plan.json | --checklist FILE [--keys-out FILE]`: plays a guided checklist on the
// sandbox or a running simulator the way a person would in the PSA screens (through /__sim/ui, which is not
// the PSA API): sets role levels and customize lists, creates API keys and writes the new pairs to a 0600
// file in the --new-keys format. Refuses any target that is not a simulator on loopback. Prints no private key.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { createKeySink } from '../../apply/key-sink.js';
import { CwctlError, ExitCode } from '../../errors.js';
import type { Plan } from '../../model/plan.js';
import type { PsaClient } from '../../psa/client.js';
import { openTarget } from '../open-target.js';
import type { GlobalArgs } from '../options.js';
import { printErr, printJson, printOut } from '../output.js';
import { registerSecret } from '../redact.js';
import type { GuidedAction } from '../../model/guided-action.js';
import { parseChecklistActions, planActions } from '../views/checklist.js';

interface OperatorArgs extends GlobalArgs {
  plan?: string;
  checklist?: string;
  'keys-out'?: string;
}

const LEVEL_FIELD = { add: 'addLevel', edit: 'editLevel', delete: 'deleteLevel', inquire: 'inquireLevel' } as const;

function usage(message: string): CwctlError {
  return new CwctlError(message, { exitCode: ExitCode.InvalidInput, code: 'usage', hint: 'cwctl sim operator --plan plan.json (or --checklist checklist.md)' });
}

async function readActions(args: OperatorArgs): Promise<GuidedAction[]> {
  if (args.plan && args.checklist) throw usage('pass --plan or --checklist, not both');
  const file = args.plan ?? args.checklist;
  if (!file) throw usage('say which checklist to play');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw usage(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (args.checklist) return parseChecklistActions(text);
  let plan: Plan;
  try {
    plan = JSON.parse(text) as Plan;
  } catch (error) {
    throw usage(`${file} is not a JSON plan (${(error as Error).message}); write one with cwctl plan --out ${file}`);
  }
  if (!Array.isArray(plan.guided) || !Array.isArray(plan.operations)) throw usage(`${file} is not a cwctl plan (no guided steps or operations)`);
  return planActions(plan);
}

/** The simulator's base URL, refusing anything but loopback: this command must never touch a real PSA. */
function loopbackBase(client: PsaClient): string {
  const site = client.target.site;
  let url: URL;
  try {
    url = new URL(/^https?:\/\//.test(site) ? site : `https://${site}`);
  } catch {
    throw usage(`target ${site} is not a URL`);
  }
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new CwctlError(`cwctl sim operator plays checklists only on a simulator, and ${site} is not on loopback`, {
      exitCode: ExitCode.InvalidInput,
      code: 'not-a-simulator',
      hint: 'unset CWCTL_SITE to use the sandbox, or point it at a `cwctl sim` on 127.0.0.1; on a real PSA, a person does the checklist',
    });
  }
  return url.origin;
}

async function ui(base: string, method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${base}/__sim/ui${path}`, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // not JSON
    }
    throw new CwctlError(`the simulator refused ${method} /__sim/ui${path}: ${response.status} ${message}`, { exitCode: ExitCode.PsaError, code: 'sim-ui' });
  }
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

export const simOperatorCommand: CommandModule<GlobalArgs, OperatorArgs> = {
  command: 'operator',
  describe: 'Play a guided checklist on the sandbox or a local simulator as a person would (levels, Table Setup, API keys)',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('plan', { type: 'string', describe: 'JSON plan (cwctl plan --out plan.json) whose guided steps to play' })
      .option('checklist', { type: 'string', describe: 'Markdown checklist (cwctl apply --checklist-out FILE) to play' })
      .option('keys-out', { type: 'string', describe: 'Where to write the new API key pairs (0600, MEMBER=PUBLIC:PRIVATE); default <state-dir>/new-keys.env' }),
  handler: async (args) => {
    const actions = await readActions(args);
    if (actions.length === 0) {
      if (args.format === 'json') printJson({ played: 0 });
      else printOut('nothing to do: the checklist has no open steps');
      return;
    }
    const opened = await openTarget({ stateDir: args.stateDir, credentialsFile: args.credentialsFile });
    try {
      const base = loopbackBase(opened.client);
      const roles = await opened.client.listSecurityRoles({ fields: ['id', 'name'] });
      const roleId = (name: string): number => {
        const role = roles.find((r) => r.name.toLowerCase() === name.toLowerCase());
        if (!role) throw new CwctlError(`role ${name} does not exist in the simulator: run cwctl apply first (it creates roles)`, { exitCode: ExitCode.InvalidInput, code: 'no-role' });
        return role.id;
      };
      const keysOut = args['keys-out'] ?? join(args.stateDir, 'new-keys.env');
      const sink = createKeySink({ keysOut });
      const done: string[] = [];

      // Levels: one Security Modules screen per role, every cell of the checklist at once.
      const levelsByRole = new Map<string, Record<string, string>[]>();
      for (const a of actions) {
        if (a.t !== 'level') continue;
        const rows = levelsByRole.get(a.role) ?? [];
        let row = rows.find((r) => r.moduleName === a.module && r.moduleFunctionName === a.function);
        if (!row) rows.push((row = { moduleName: a.module, moduleFunctionName: a.function }));
        row[LEVEL_FIELD[a.kind]] = a.to;
        levelsByRole.set(a.role, rows);
      }
      for (const [role, rows] of levelsByRole) {
        await ui(base, 'PUT', `/securityRoles/${roleId(role)}/settings`, rows);
        done.push(`set ${rows.length} function(s) on role ${role}`);
      }
      for (const a of actions) {
        if (a.t !== 'customize') continue;
        const id = roleId(a.role);
        const path = a.list === 'SystemTableSetup' ? `/securityRoles/${id}/tableSetup` : `/securityRoles/${id}/customize/${a.list}`;
        const current = ((await ui(base, 'GET', path)) as string[] | undefined) ?? [];
        const drop = new Set(a.remove.map((x) => x.toLowerCase()));
        // `exactly`: the list could not be read by cwctl, so the line asks for the listed items and nothing else.
        const kept = a.exactly ? [] : current.filter((x) => !drop.has(x.toLowerCase()));
        const next = [...new Set([...kept, ...a.add])];
        await ui(base, 'PUT', path, next);
        done.push(`${a.list} of role ${a.role}: ${next.length} item(s)`);
      }
      const keyActions = actions.filter((a): a is Extract<GuidedAction, { t: 'apiKey' }> => a.t === 'apiKey');
      if (keyActions.length > 0) {
        const members = await opened.client.listApiMembers({ fields: ['id', 'identifier'] });
        for (const a of keyActions) {
          const member = members.find((m) => m.identifier.toLowerCase() === a.member.toLowerCase());
          if (!member) throw new CwctlError(`API member ${a.member} does not exist in the simulator: run cwctl apply first`, { exitCode: ExitCode.InvalidInput, code: 'no-member' });
          const created = (await ui(base, 'POST', `/apiMembers/${member.id}/apiKeys`, { description: a.description })) as { publicKey: string; privateKey: string };
          registerSecret(created.privateKey);
          await sink?.put({ identifier: a.member, description: a.description, publicKey: created.publicKey, privateKey: created.privateKey, verifiedAt: new Date().toISOString() });
          done.push(`API key "${a.description}" for ${a.member} (public …${created.publicKey.slice(-4)})`);
        }
      }
      if (args.format === 'json') printJson({ played: actions.length, done, ...(keyActions.length > 0 ? { keysFile: keysOut } : {}) });
      else {
        for (const line of done) printOut(`done: ${line}`);
        if (keyActions.length > 0) printErr(`new key pairs written to ${keysOut} (mode 0600): hand them to cwctl with  cwctl apply --new-keys ${keysOut}`);
      }
    } finally {
      await opened.close();
    }
  },
};

// Reads only the `psa:` block (site, company) of a desired-state file or directory, for commands that talk to the
// PSA without planning (check, import). Tolerant: a missing or unparsable file yields undefined (the target then
// comes from CWCTL_SITE/CWCTL_COMPANY or the sandbox); it never validates the rest of the file.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface PsaTargetBlock {
  site: string;
  company: string;
}

async function readOne(file: string): Promise<PsaTargetBlock | undefined> {
  let doc: unknown;
  try {
    doc = parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
  const psa = (doc as { psa?: { site?: unknown; company?: unknown } } | null)?.psa;
  return typeof psa?.site === 'string' && typeof psa.company === 'string' ? { site: psa.site, company: psa.company } : undefined;
}

export async function readPsaTarget(path: string): Promise<PsaTargetBlock | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return undefined;
  if (info.isFile()) return readOne(path);
  const files = (await readdir(path)).filter((f) => /\.ya?ml$/i.test(f)).sort();
  for (const f of files) {
    const found = await readOne(join(path, f));
    if (found) return found;
  }
  return undefined;
}

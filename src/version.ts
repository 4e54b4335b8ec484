// cwctl's own version, from the package.json of the cwctl package this file belongs to (src/, dist/src/ and the
// CLI bundle in dist/cli/ all sit one or two levels below it): never the package.json of the folder cwctl is run in.
import { readFileSync } from 'node:fs';

const CANDIDATES = ['../package.json', '../../package.json'];

let cached: string | undefined;

/** The version in cwctl's package.json, or '0.0.0' when it cannot be found (a copy of the files without it). */
export function cwctlVersion(): string {
  if (cached !== undefined) return cached;
  cached = '0.0.0';
  for (const rel of CANDIDATES) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'cwctl' && typeof pkg.version === 'string') {
        cached = pkg.version;
        break;
      }
    } catch {
      // not there: try the next level up
    }
  }
  return cached;
}

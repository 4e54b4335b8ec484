// Rule over the raw YAML (it runs before the schema, on any shape): refuses anything that looks like a credential
// in a desired-state file: keys named like secrets (privateKey, password, token...) and values that look like a
// PSA key pair, a lone PSA private key, a PEM private key, an Authorization header or a URL with a password in it
// (https://user:pass@host). Messages never repeat the value.

import type { Diagnostic } from '../../model/diagnostic.js';
import { spanOf } from '../load.js';
import type { LoadedDocument } from '../load.js';
import { renderPath } from '../schema.js';

const SECRET_KEYS = new Set([
  'privatekey', 'publickey', 'password', 'passwd', 'pwd', 'secret', 'clientsecret', 'token', 'accesstoken',
  'apitoken', 'authtoken', 'authorization', 'credentials', 'credential', 'globalloginpassword', 'apikey', 'apisecret',
]);

/** The diagnostic code of every finding. */
export const SECRET_CODE = 'secret-in-file';

export const CREDENTIALS_HINT =
  'cwctl refuses files that hold secrets: remove it and pass keys as CWCTL_PUBLIC_KEY, CWCTL_PRIVATE_KEY and CWCTL_CLIENT_ID (or --credentials-file)';

/** Class changes (upper/lower/digit) between neighbours: random keys change often, CamelCase names rarely. */
function classChanges(text: string): number {
  const cls = (c: string): number => (/[0-9]/.test(c) ? 0 : /[a-z]/.test(c) ? 1 : 2);
  let n = 0;
  for (let i = 1; i < text.length; i++) if (cls(text[i]!) !== cls(text[i - 1]!)) n++;
  return n;
}

/** What kind of secret a value looks like, or undefined. Exported for its table test. */
// scheme://user:password@ (the password may be empty-looking but not absent: `user@host` alone is no secret). Every
// part bounded, so a long value without an `@` is scanned once, not once per starting position.
const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s/?#@:]{0,256}:[^\s/?#@]{1,256}@/i;

export function secretKind(value: string): string | undefined {
  if (value.includes('://') && URL_WITH_PASSWORD.test(value)) return 'a URL with a password (user:password@)';
  // The shortest secret below is an API key of 16 characters; most values (levels, names) are shorter.
  if (value.length < 16) return undefined;
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) return 'a PEM private key';
  if (/\b(?:basic|bearer)\s+[A-Za-z0-9+/=._-]{12,}/i.test(value)) return 'an Authorization header';
  if (/(?:^|[^A-Za-z0-9])[A-Za-z0-9]{16}\s*[:+]\s*[A-Za-z0-9]{16}(?:$|[^A-Za-z0-9])/.test(value)) return 'a PSA API key pair';
  const trimmed = value.trim();
  if (/^[A-Za-z0-9]{16}$/.test(trimmed) && /[0-9]/.test(trimmed) && /[a-z]/.test(trimmed) && /[A-Z]/.test(trimmed) && classChanges(trimmed) >= 8) {
    return 'a PSA API key';
  }
  return undefined;
}

function pointerOf(path: readonly (string | number)[]): string {
  return path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Whether a plain value holds anything secret-looking. */
function valueHasSecrets(value: unknown): boolean {
  // A large file repeats the same keys and values thousands of times: judge each distinct one once.
  const keysSeen = new Set<string>();
  const valuesSeen = new Set<string>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (!valuesSeen.has(v)) {
        if (secretKind(v)) return true;
        valuesSeen.add(v);
      }
    } else if (Array.isArray(v)) {
      for (const child of v) stack.push(child);
    } else if (v !== null && typeof v === 'object') {
      for (const k in v) {
        if (!keysSeen.has(k)) {
          if (SECRET_KEYS.has(k.toLowerCase().replace(/[-_\s]/g, ''))) return true;
          keysSeen.add(k);
        }
        stack.push((v as Record<string, unknown>)[k]);
      }
    }
  }
  return false;
}

/** Returns the diagnostics and the JSON pointers of offending keys (so the schema does not re-report them). */
export function findSecrets(doc: LoadedDocument): { diagnostics: Diagnostic[]; keys: Set<string> } {
  const diagnostics: Diagnostic[] = [];
  const keys = new Set<string>();
  // A quick scan first (each distinct key and value judged once, no paths built): a large file has no secret, and
  // building a path per node was most of this rule's cost. Only a file with a finding is walked again, with paths.
  if (!valueHasSecrets(doc.value)) return { diagnostics, keys };
  // Walk the value with paths, so each finding is placed and worded.
  const stack: [unknown, (string | number)[]][] = [[doc.value, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, [...path, i]]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        const childPath = [...path, key];
        if (SECRET_KEYS.has(key.toLowerCase().replace(/[-_\s]/g, ''))) {
          keys.add(pointerOf(childPath));
          diagnostics.push({
            severity: 'error',
            code: SECRET_CODE,
            summary: `${renderPath(childPath)}: a key named '${key}' holds a credential`,
            hint: CREDENTIALS_HINT,
            source: spanOf(doc, childPath, 'key'),
          });
          continue; // do not look into (or echo) what it holds
        }
        stack.push([child, childPath]);
      }
    } else if (typeof value === 'string') {
      const kind = secretKind(value);
      if (kind) {
        diagnostics.push({
          severity: 'error',
          code: SECRET_CODE,
          summary: `${renderPath(path)}: the value looks like ${kind}`,
          hint: CREDENTIALS_HINT,
          source: spanOf(doc, path),
        });
      }
    }
  }
  // The stack walks in reverse; report in file order.
  diagnostics.sort((a, b) => (a.source?.line ?? 0) - (b.source?.line ?? 0) || (a.source?.column ?? 0) - (b.source?.column ?? 0));
  return { diagnostics, keys };
}

// Last-line defence against leaking credentials into console output: masks Basic auth headers and any
// value registered as secret at runtime (private keys loaded from the environment or a file).
const secrets = new Set<string>();

/** Registers a value that must never be printed (e.g. a private key just loaded). */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 6) secrets.add(value);
}

export function redactSecrets(text: string): string {
  let out = text.replace(/(Authorization:\s*Basic\s+)[A-Za-z0-9+/=]+/gi, '$1[REDACTED]')
    .replace(/(Basic\s+)[A-Za-z0-9+/=]{16,}/g, '$1[REDACTED]');
  for (const secret of secrets) out = out.split(secret).join('[REDACTED]');
  return out;
}

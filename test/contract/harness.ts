// Shared helpers for the simulator contract tests: start a simulator, call it like a PSA client would,
// and validate bodies against the OpenAPI subset in shared/reference (refs resolved by ajv).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
// ajv-formats is CommonJS with a default export; under NodeNext the callable sits on .default.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats: AddFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;
import type { RunningSimulator, SimulatorOptions } from '../../src/sim/start-simulator.js';
import { startSimulator } from '../../src/sim/start-simulator.js';

/** A copy of shared/reference/psa-openapi-subset.json kept with the tests so CI needs nothing outside the repo. */
export const OPENAPI_FILE = fileURLToPath(new URL('./psa-openapi-subset.json', import.meta.url));
/** The shared original, when this machine has it (the copy must not drift from it). */
export const SHARED_OPENAPI_FILE = process.env.CWCTL_PSA_OPENAPI ?? '/work/shared/reference/psa-openapi-subset.json';
export const MEDIA = 'application/vnd.connectwise.com+json; version=2025.8';

/** JSON bodies are read loosely in tests (their shape is what is under test). */
export type Loose = ReturnType<typeof JSON.parse>;

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  body: Loose;
}

export interface Client {
  sim: RunningSimulator;
  api: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<CallResult>;
  ui(method: string, path: string, body?: unknown): Promise<CallResult>;
  auth(publicKey: string, privateKey: string, company?: string): string;
}

export async function startClient(opts: SimulatorOptions = {}): Promise<Client> {
  const sim = await startSimulator(opts);
  const api = `${sim.url}/v4_6_release/apis/3.0`;
  const auth = (publicKey: string, privateKey: string, company = sim.company): string =>
    `Basic ${Buffer.from(`${company}+${publicKey}:${privateKey}`).toString('base64')}`;
  const raw = async (url: string, method: string, body: unknown, headers: Record<string, string>): Promise<CallResult> => {
    const res = await fetch(url, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: unknown;
    try { parsed = text === '' ? undefined : JSON.parse(text); } catch { parsed = undefined; }
    return { status: res.status, headers: res.headers, text, body: parsed };
  };
  return {
    sim,
    api,
    auth,
    call: (method, path, body, headers = {}) =>
      raw(path.startsWith('http') ? path : `${api}${path}`, method, body, {
        Authorization: auth(sim.admin.publicKey, sim.admin.privateKey),
        clientId: sim.clientId,
        ...headers,
      }),
    ui: (method, path, body) => raw(`${sim.url}${path}`, method, body, {}),
  };
}

/** Adds additionalProperties:false to every object schema with properties (except STUB placeholders). */
function tighten(node: unknown): void {
  if (Array.isArray(node)) { node.forEach(tighten); return; }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.properties && o.additionalProperties === undefined && !(typeof o['x-cwctl-note'] === 'string' ? o['x-cwctl-note'] : '').startsWith('STUB')) o.additionalProperties = false;
  for (const v of Object.values(o)) tighten(v);
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `psa${v}` : rewriteRefs(v);
  return out;
}

export interface OpenApi {
  doc: Loose;
  /** Validator for the response schema of METHOD path-template status; undefined when the spec declares no body. */
  responseValidator(method: string, template: string, status: number): ValidateFunction | undefined;
  /** Every "METHOD template" in the subset. */
  operations(): string[];
  stubSchemas(): string[];
}

export function loadOpenApi(): OpenApi {
  const doc = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
  const strict = JSON.parse(JSON.stringify(doc));
  tighten(strict.components.schemas);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'psa', components: strict.components }, 'psa');
  const cache = new Map<string, ValidateFunction | undefined>();
  return {
    doc,
    responseValidator(method, template, status) {
      const key = `${method} ${template} ${status}`;
      if (cache.has(key)) return cache.get(key);
      const op = doc.paths[template]?.[method.toLowerCase()];
      if (!op) throw new Error(`no operation ${method} ${template} in the OpenAPI subset`);
      const resp = op.responses[String(status)];
      if (!resp) throw new Error(`${method} ${template} declares no ${status} response (has ${Object.keys(op.responses).join(', ')})`);
      const schema = resp.content?.[MEDIA]?.schema;
      const v = schema ? ajv.compile(rewriteRefs(JSON.parse(JSON.stringify(schema))) as object) : undefined;
      cache.set(key, v);
      return v;
    },
    operations() {
      const out: string[] = [];
      for (const [p, ops] of Object.entries<Record<string, unknown>>(doc.paths)) for (const m of Object.keys(ops)) out.push(`${m.toUpperCase()} ${p}`);
      return out;
    },
    stubSchemas() {
      return Object.entries<Loose>(doc.components.schemas).filter(([, s]) => String(s['x-cwctl-note'] ?? '').startsWith('STUB')).map(([k]) => k);
    },
  };
}

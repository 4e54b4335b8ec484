// HttpPsaClient: the PsaClient over the real PSA REST API (and the simulator). This file only assembles it: the
// family shared with derived clients (http-family.ts), the transport with its retries (http-transport.ts),
// discovery (discovery.ts), paging (list-pages.ts) and the table of resource endpoints (endpoints.ts).
// Keys live only in a private field, so util.inspect and JSON of a client never show them.
import type { CallOptions, Capabilities, Credentials, ListOptions, MemberKeys, PsaClient, PsaTarget } from './client.js';
import type { Shape } from './check-shape.js';
import { apiUrlUnder, discover, readCompanyInfo, withApiBase } from './discovery.js';
import { ENDPOINTS } from './endpoints.js';
import type { EndpointIo, EndpointMethods, EndpointName, Recheck } from './endpoints.js';
import { createFamily } from './http-family.js';
import type { Family, HttpPsaClientOptions } from './http-family.js';
import { sendRequest } from './http-transport.js';
import type { Expect, Method, RequestSpec, Sender } from './http-transport.js';
import { listAllPages } from './list-pages.js';
import type { CompanyInfo } from './types.js';

export type { HttpPsaClientOptions } from './http-family.js';
export { FALLBACK_CODEBASE } from './discovery.js';

export function createHttpPsaClient(options: HttpPsaClientOptions): PsaClient {
  return new HttpPsaClient(createFamily(options), options.credentials, true);
}

/** The three kinds of request a resource endpoint makes, for one family and one sender. */
function createEndpointIo(family: Family, sender: Sender): EndpointIo {
  const send = async <T>(method: Method, path: string, body: unknown, options: CallOptions | undefined, expect: Expect, recheck?: Recheck): Promise<T> => {
    const sendUnder = async (apiBase: string, signal: AbortSignal | undefined): Promise<T> => {
      const { url, logPath } = apiUrlUnder(apiBase, path);
      const spec: RequestSpec = { method, url, path, logPath, auth: true, expect, signal, ...(body === undefined ? {} : { body }) };
      if (recheck) spec.recheck = recheck;
      const reply = await sendRequest(family, sender, spec);
      return reply.body as T;
    };
    // A read may go out on the codebase of the last run while discovery is on its way; a write never does.
    const signal = options?.signal;
    if (method === 'GET') return withApiBase(family, sender, signal, sendUnder);
    return sendUnder((await discover(family, sender, signal)).apiBase, signal);
  };
  return {
    get: <T>(path: string, expect: 'record' | 'object', options?: CallOptions): Promise<T> => send<T>('GET', path, undefined, options, expect),
    send,
    list: <T>(path: string, options: ListOptions | undefined, shape: Shape): Promise<T[]> => listAllPages<T>(family, sender, path, options, shape),
  };
}

// The endpoint methods are not written out in the class: the static block installs one per ENDPOINTS row on the
// prototype (non-enumerable, like class methods), and this interface tells TypeScript they are there.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
interface HttpPsaClient extends EndpointMethods {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
class HttpPsaClient implements PsaClient {
  readonly #family: Family;
  readonly #sender: Sender;
  readonly #io: EndpointIo;
  readonly #isRoot: boolean;
  #closed = false;

  static {
    for (const name of Object.keys(ENDPOINTS) as EndpointName[]) {
      const row = ENDPOINTS[name] as (io: EndpointIo, ...args: unknown[]) => unknown;
      Object.defineProperty(HttpPsaClient.prototype, name, {
        value: function endpoint(this: HttpPsaClient, ...args: unknown[]): unknown {
          return row(this.#io, ...args);
        },
        writable: true,
        configurable: true,
      });
    }
  }

  constructor(family: Family, credentials: Credentials, isRoot: boolean) {
    this.#family = family;
    const basic = Buffer.from(`${family.target.company}+${credentials.publicKey}:${credentials.privateKey}`, 'utf8').toString('base64');
    this.#sender = {
      authorization: `Basic ${basic}`,
      clientId: credentials.clientId,
      secrets: [credentials.privateKey, basic],
      isClosed: () => this.#closed,
    };
    this.#io = createEndpointIo(family, this.#sender);
    this.#isRoot = isRoot;
  }

  get target(): PsaTarget {
    return this.#family.target;
  }

  get capabilities(): Capabilities {
    return this.#family.capabilities;
  }

  withCredentials(keys: MemberKeys): PsaClient {
    const { publicKey, privateKey } = keys;
    return new HttpPsaClient(this.#family, { publicKey, privateKey, clientId: keys.clientId ?? this.#sender.clientId }, false);
  }

  get maxConcurrency(): number {
    return this.#family.concurrency;
  }

  requestCount(): number {
    return this.#family.requests;
  }

  /** The root client owns the Agent; a derived client's close only retires that client. */
  async close(): Promise<void> {
    this.#closed = true;
    if (!this.#isRoot || this.#family.closed) return;
    this.#family.closed = true;
    if (this.#family.ownsAgent) await this.#family.agent.destroy();
  }

  companyInfo(options?: CallOptions): Promise<CompanyInfo> {
    return readCompanyInfo(this.#family, this.#sender, options);
  }
}

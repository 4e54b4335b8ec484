// Route table types and matching for the simulator: path templates like `/system/securityRoles/{parentId}/settings`
// matched segment by segment, literals case-insensitively (the PSA runs on IIS, whose paths ignore case),
// `{id}`-style parameters only on integers. Pure: no I/O. A template that matches with no handler for the
// method is reported so the server can answer 405 with an Allow header.

import type { IncomingHttpHeaders } from 'node:http';
import type { Json } from './json.js';
import type { Caller, SimStore } from './store.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext {
  store: SimStore;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
  /** The authenticated member (API routes); undefined on /__sim routes. */
  caller: Caller | undefined;
  /** `http://host:port/{codebase}apis/3.0` as the client addressed it. */
  apiBase: string;
  /** Absolute URL of the requested path without query, for Link headers. */
  selfUrl: string;
}

export interface RouteResult {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

export interface RouteDef {
  template: string;
  handlers: Partial<Record<Method, Handler>>;
  /** Mutating methods of this route (counted as writes and persisted); defaults to non-GET. */
}

interface Compiled {
  def: RouteDef;
  segments: { literal?: string; param?: string; numeric: boolean }[];
}

export interface RouteMatch {
  def: RouteDef;
  params: Record<string, string>;
}

/** Parameters that hold record ids; any other `{name}` matches any one segment. */
const NUMERIC_PARAMS = new Set(['id', 'parentId', 'keyId']);

export class Router {
  private readonly compiled: Compiled[] = [];

  add(...defs: RouteDef[]): this {
    for (const def of defs) {
      const segments = def.template.split('/').filter((p) => p !== '').map((seg) => {
        const m = /^\{(\w+)\}$/.exec(seg);
        return m ? { param: m[1] as string, numeric: NUMERIC_PARAMS.has(m[1] as string) } : { literal: seg.toLowerCase(), numeric: false };
      });
      this.compiled.push({ def, segments });
    }
    return this;
  }

  /** The best matching template: most literal segments win, so `/count` beats `/{id}`. */
  match(path: string): RouteMatch | undefined {
    const parts = path.split('/').filter((p) => p !== '');
    let best: { c: Compiled; params: Record<string, string>; literals: number } | undefined;
    for (const c of this.compiled) {
      if (c.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const seg = c.segments[i] as Compiled['segments'][number];
        const part = decodeURIComponent(parts[i] as string);
        if (seg.literal !== undefined) {
          ok = seg.literal === part.toLowerCase();
          literals++;
        } else if (seg.param !== undefined) {
          ok = !seg.numeric || /^\d+$/.test(part);
          params[seg.param] = part;
        }
      }
      if (ok && (!best || literals > best.literals)) best = { c, params, literals };
    }
    return best ? { def: best.c.def, params: best.params } : undefined;
  }
}

export function intParam(ctx: RouteContext, name: string): number {
  return Number(ctx.params[name]);
}

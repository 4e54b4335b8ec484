// Counters of what the simulator served (GET /__sim/stats): requests by method and path template, status
// classes, writes, 429s and injected faults. Plain data; the server feeds it.

export interface SimStatsSnapshot {
  total: number;
  requests: Record<string, number>;
  statuses: Record<string, number>;
  writes: number;
  throttled: number;
  rateLimited: number;
  faults: { errors: number; throttles: number; drops: number };
  since: string;
}

export class SimStats {
  private s: SimStatsSnapshot = SimStats.empty();

  private static empty(): SimStatsSnapshot {
    return { total: 0, requests: {}, statuses: {}, writes: 0, throttled: 0, rateLimited: 0, faults: { errors: 0, throttles: 0, drops: 0 }, since: new Date().toISOString() };
  }

  record(key: string, status: number, write: boolean): void {
    this.s.total++;
    this.s.requests[key] = (this.s.requests[key] ?? 0) + 1;
    this.s.statuses[String(status)] = (this.s.statuses[String(status)] ?? 0) + 1;
    if (write && status >= 200 && status < 300) this.s.writes++;
    if (status === 429) this.s.throttled++;
  }

  fault(kind: 'errors' | 'throttles' | 'drops' | 'rateLimited'): void {
    if (kind === 'rateLimited') this.s.rateLimited++;
    else this.s.faults[kind]++;
  }

  snapshot(): SimStatsSnapshot {
    return JSON.parse(JSON.stringify(this.s)) as SimStatsSnapshot;
  }

  reset(): void {
    this.s = SimStats.empty();
  }
}

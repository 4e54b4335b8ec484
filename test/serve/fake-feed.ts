// A LiveChecklistFeed the tests drive by hand: publish() a new snapshot as the apply loop would.
import type { LiveChecklistFeed, LiveChecklistLine, LiveChecklistSnapshot } from '../../src/model/live-checklist.js';
import { LIVE_CHECKLIST_FORMAT_VERSION } from '../../src/model/live-checklist.js';

export const HOSTILE_ROLE = '<img src=x onerror=alert(1)>';

export class FakeFeed implements LiveChecklistFeed {
  private listeners = new Set<(snapshot: LiveChecklistSnapshot) => void>();
  constructor(private snapshot: LiveChecklistSnapshot) {}

  current(): LiveChecklistSnapshot {
    return this.snapshot;
  }

  subscribe(listener: (snapshot: LiveChecklistSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  listenerCount(): number {
    return this.listeners.size;
  }

  /** The next revision, with `change` applied to a copy of the current snapshot. */
  publish(change: (next: LiveChecklistSnapshot) => void): LiveChecklistSnapshot {
    const next = structuredClone(this.snapshot);
    change(next);
    next.revision = this.snapshot.revision + 1;
    const lines = next.groups.flatMap((g) => g.lines);
    next.total = lines.length;
    next.done = lines.filter((l) => l.status === 'done').length;
    this.snapshot = next;
    for (const listener of this.listeners) listener(next);
    return next;
  }
}

const line = (address: string, instruction: string, extra: Partial<LiveChecklistLine> = {}): LiveChecklistLine => ({
  address, instruction, status: 'pending', verify: 'api', ...extra,
});

/** Two roles (one with a hostile name) and a member: three screens, four lines, one already done. */
export function sampleSnapshot(): LiveChecklistSnapshot {
  return {
    formatVersion: LIVE_CHECKLIST_FORMAT_VERSION,
    target: { company: 'acme', site: 'na.myconnectwise.net' },
    revision: 1,
    done: 1,
    total: 4,
    phase: 'waiting',
    checkedAt: '2026-12-02T01:00:00.000Z',
    groups: [
      {
        owner: { kind: 'role', name: 'BrightGaugeAPI' },
        clickPath: 'System > Security Roles > BrightGaugeAPI > Service Desk',
        lines: [
          line('role:BrightGaugeAPI/setting:Service Desk / Service Tickets', 'Inquire Level: None -> All', { note: 'Inquire is None, not All' }),
          line('role:BrightGaugeAPI/setting:Service Desk / Close Tickets', 'Inquire Level: None -> My', { status: 'done', note: 'read back' }),
        ],
      },
      {
        owner: { kind: 'role', name: HOSTILE_ROLE },
        clickPath: `System > Security Roles > ${HOSTILE_ROLE} > Finance`,
        lines: [line(`role:${HOSTILE_ROLE}/setting:Finance / Invoicing`, `Add Level: None -> All <b>now</b>`)],
      },
      {
        owner: { kind: 'member', name: 'bg-api' },
        clickPath: 'System > Members > API Members > bg-api > API Keys',
        lines: [line('member:bg-api/apiKey:prod', "create the API key 'prod'", { verify: 'person', confirmWith: "cwctl apply --confirm 'member:bg-api/apiKey:prod'" })],
      },
    ],
  };
}

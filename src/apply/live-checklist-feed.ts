// The live checklist feed: the apply loop publishes the guided steps' states after each verification round,
// and whoever shows the checklist (the terminal view, the `--serve` page) subscribes. Holds one snapshot; the
// revision goes up only when something a person sees changed (not on a re-read that found nothing new).
import type { LiveChecklistFeed, LiveChecklistSnapshot } from '../model/live-checklist.js';
import type { LiveStepState } from './live-checklist.js';
import { buildLiveChecklist } from './live-checklist.js';

export interface LiveChecklistPublisher extends LiveChecklistFeed {
  /** After a verification round (or at the end, with phase finished/stopped): builds and hands out a snapshot. */
  publish(states: readonly LiveStepState[], phase?: LiveChecklistSnapshot['phase']): LiveChecklistSnapshot;
}

export interface LiveChecklistFeedOptions {
  target: { company: string; site: string };
  now?: () => string;
}

/** Everything but revision and checkedAt: what decides whether a snapshot is new. */
const contentOf = (s: LiveChecklistSnapshot): string => JSON.stringify({ ...s, revision: 0, checkedAt: undefined });

export function createLiveChecklistFeed(options: LiveChecklistFeedOptions): LiveChecklistPublisher {
  const now = options.now ?? (() => new Date().toISOString());
  const listeners = new Set<(snapshot: LiveChecklistSnapshot) => void>();
  let current = buildLiveChecklist({ target: options.target, states: [], revision: 0, phase: 'waiting' });
  return {
    current: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    publish(states, phase = 'waiting') {
      const next = buildLiveChecklist({ target: options.target, states, revision: current.revision, phase, checkedAt: now() });
      if (contentOf(next) !== contentOf(current)) next.revision = current.revision + 1;
      current = next;
      // A listener that throws (a closed page, a broken pipe) must not stop the apply or the other listeners.
      for (const listener of [...listeners]) {
        try {
          listener(current);
        } catch {
          // ignored on purpose: showing the checklist is best effort, verifying it is not
        }
      }
      return current;
    },
  };
}

// The terminal view of the live checklist: grouped once, then each tick once (no repeated lines) and a closing
// line when not redrawing; redrawn in place (cursor up, clear) when it fits a terminal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialGuidedStates } from '../apply/guided-executor.js';
import { createLiveChecklistFeed } from '../apply/live-checklist-feed.js';
import type { Operation } from '../model/operation.js';
import { buildGuidedSteps } from '../plan/guided-steps.js';
import { askBelowChecklist, screenRows, showLiveChecklist } from './live-checklist-terminal.js';
import { setColour } from './output.js';

const ops: Operation[] = [
  {
    id: 'setRoleLevels:role:A', address: 'role:A', type: 'setRoleLevels', role: 'A', roleId: 5, dependsOn: [], executor: 'guided', summary: 's',
    cells: [
      { module: 'Service Desk', function: 'Service Tickets', kind: 'inquire', from: 'None', to: 'All' },
      { module: 'Service Desk', function: 'Service Tickets', kind: 'edit', from: 'None', to: 'My' },
    ],
  },
  {
    id: 'setCustomizeItems:role:A/customize:ServiceReports', address: 'role:A/customize:ServiceReports', type: 'setCustomizeItems', role: 'A', roleId: 5,
    dependsOn: [], executor: 'guided', summary: 't', list: 'ServiceReports', add: ['Tickets'], remove: [],
  },
];

// The fake terminals claim isTTY (for the redraw); these tests read words, not colours: colour off whatever the
// environment says (FORCE_COLOR, NO_COLOR).
beforeAll(() => setColour(false));
afterAll(() => setColour(undefined));

function fakeStream(rows?: number): { stream: NodeJS.WriteStream; text: () => string } {
  let out = '';
  const stream = { write: (chunk: string) => ((out += chunk), true), rows, isTTY: rows !== undefined } as unknown as NodeJS.WriteStream;
  return { stream, text: () => out };
}

describe('showLiveChecklist', () => {
  it('appends: the grouped checklist once, then each tick once, then the closing line', () => {
    const feed = createLiveChecklistFeed({ target: { company: 'acme', site: 'sandbox' } });
    const { stream, text } = fakeStream();
    const view = showLiveChecklist(feed, { stream, redraw: false });
    const states = initialGuidedStates(buildGuidedSteps(ops));
    feed.publish(states);
    expect(text()).toContain('Checklist: 3 of 3 steps to do');
    expect(text()).toContain('  Security role A\n    System > Security Roles > A > Service Desk > Service Tickets\n      [ ] Inquire Level: None -> All\n      [ ] Edit Level: None -> My');
    expect(text()).toContain('cwctl cannot read this back; once done, confirm it when this apply ends: cwctl apply --confirm role:A/customize:ServiceReports');
    states[0]!.done = true;
    feed.publish(states);
    feed.publish(states);
    states[1]!.done = true;
    states[2]!.done = true;
    feed.publish(states, 'finished');
    view.stop();
    const after = text().slice(text().indexOf('[ ] Edit Level'));
    expect(after.match(/\[x\] System > Security Roles > A > Service Desk > Service Tickets: Inquire Level: None -> All/g)).toHaveLength(1);
    expect(after).toContain('[x] System > Security Roles > A > Service Desk > Service Tickets: Edit Level: None -> My');
    expect(text().trimEnd().endsWith('Checklist: all 3 steps done in acme at sandbox')).toBe(true);
    expect(text()).not.toContain('\u001b[');
  });

  it('redraws in place on a terminal tall enough', () => {
    const feed = createLiveChecklistFeed({ target: { company: 'acme', site: 'sandbox' } });
    const { stream, text } = fakeStream(40);
    showLiveChecklist(feed, { stream, redraw: true });
    const states = initialGuidedStates(buildGuidedSteps(ops));
    feed.publish(states);
    states[0]!.done = true;
    feed.publish(states);
    const drawn = text().split('\u001b[');
    expect(drawn.some((part) => /^\d+F/.test(part))).toBe(true);
    expect(text().split('Checklist:').length - 1).toBe(2);
  });
});

describe('askBelowChecklist', () => {
  it('redraws the checklist with the steps this round verified before the prompt, then draws below the prompt', async () => {
    const feed = createLiveChecklistFeed({ target: { company: 'acme', site: 'sandbox' } });
    const { stream, text } = fakeStream(40);
    const view = showLiveChecklist(feed, { stream, redraw: true });
    const states = initialGuidedStates(buildGuidedSteps(ops));
    feed.publish(states);
    // Mid-round: the level steps were just verified, the round is not published yet, and a key is asked for.
    states[0]!.done = true;
    states[1]!.done = true;
    let shownAtPrompt = '';
    const answer = await askBelowChecklist(feed, states, view, () => {
      shownAtPrompt = text();
      stream.write('  public key of m: \n');
      return Promise.resolve('pair');
    });
    expect(answer).toBe('pair');
    const lastDraw = shownAtPrompt.slice(shownAtPrompt.lastIndexOf('Checklist:'));
    expect(lastDraw).toContain('[x] Inquire Level: None -> All');
    expect(lastDraw).toContain('[x] Edit Level: None -> My');
    // After the prompt the next draw starts below it: no cursor move up over the prompt's lines.
    const before = text().length;
    states[2]!.done = true;
    feed.publish(states);
    // eslint-disable-next-line no-control-regex
    expect(text().slice(before)).not.toMatch(/\u001b\[\d+F/);
    view.stop();
  });
});

describe('showLiveChecklist: steps that become confirm-only', () => {
  const listOp: Operation = {
    id: 'c', address: 'role:Keys API/tableSetup', type: 'setCustomizeItems', role: 'Keys API', roleId: 5, dependsOn: [], executor: 'guided',
    summary: 't', list: 'SystemTableSetup', add: ['Company / Company Status'], remove: ['Company / Teams'], verifyAs: 'keysm',
  };

  it('appending: says the --confirm command once, when a round finds the list cannot be read', () => {
    const feed = createLiveChecklistFeed({ target: { company: 'acme', site: 'sandbox' } });
    const { stream, text } = fakeStream();
    const view = showLiveChecklist(feed, { stream, redraw: false });
    const states = initialGuidedStates(buildGuidedSteps([listOp]));
    expect(states).toHaveLength(2);
    feed.publish(states);
    expect(text()).not.toContain('--confirm');
    for (const s of states) s.confirmable = true;
    feed.publish(states);
    feed.publish(states, 'stopped');
    view.stop();
    expect(text().match(/cwctl cannot read this back; once done, confirm it when this apply ends: cwctl apply --confirm 'role:Keys API\/tableSetup'/g)).toHaveLength(1);
  });

  it('redrawing: one command under the screen whose lines share it', () => {
    const feed = createLiveChecklistFeed({ target: { company: 'acme', site: 'sandbox' } });
    const { stream, text } = fakeStream(40);
    const view = showLiveChecklist(feed, { stream, redraw: true });
    const states = initialGuidedStates(buildGuidedSteps([listOp]));
    for (const s of states) s.confirmable = true;
    feed.publish(states);
    view.stop();
    expect(text().match(/--confirm/g)).toHaveLength(1);
    expect(text()).toMatch(/\[ \] allow .*\n\s+\[ \] .*\n.*cwctl cannot read this back/);
  });
});

describe('redrawing on a narrow terminal', () => {
  it('counts wrapped lines as the rows they take, colour codes as none', () => {
    expect(screenRows(['abc', '', 'x'.repeat(80), 'x'.repeat(81), '\u001b[32m[x]\u001b[39m ok'], 80)).toBe(1 + 1 + 1 + 2 + 1);
    expect(screenRows(['x'.repeat(500)], undefined)).toBe(1);
  });

  it('moves the cursor up by the rows of the last draw, wrapped lines included', () => {
    const feed = createLiveChecklistFeed({ target: { company: 'acme', site: 'sandbox' } });
    const { stream, text } = fakeStream(60);
    (stream as { columns?: number }).columns = 40;
    const view = showLiveChecklist(feed, { stream, redraw: true });
    const states = initialGuidedStates(buildGuidedSteps(ops));
    feed.publish(states);
    const first = text().split('\n').filter(Boolean);
    states[0]!.done = true;
    feed.publish(states);
    view.stop();
    // eslint-disable-next-line no-control-regex
    const up = /\u001b\[(\d+)F/.exec(text())?.[1];
    expect(Number(up)).toBe(screenRows(first, 40));
    expect(Number(up)).toBeGreaterThan(first.length);
  });
});

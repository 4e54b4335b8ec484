import { describe, expect, it } from 'vitest';
import type { Address } from '../model/address.js';
import type { StateResource } from '../model/state.js';
import { dropCreateIntent, recordCreateIntent, recordSettled } from './state-records.js';

const createRole = { id: 'createRole:role:A', address: 'role:A', type: 'createRole' as const, name: 'A', summary: 'create role A', dependsOn: [], executor: 'api' as const };

describe('state records', () => {
  it('records a create intent once, and drops it only while it has no id', () => {
    const resources: Record<Address, StateResource> = {};
    recordCreateIntent(resources, createRole, [createRole], '2026-01-01T00:00:00Z');
    expect(resources['role:A']).toMatchObject({ kind: 'role', appliedAt: '2026-01-01T00:00:00Z' });
    dropCreateIntent(resources, createRole);
    expect(resources['role:A']).toBeUndefined();
    resources['role:A'] = { kind: 'role', digest: 'sha256:1', appliedAt: 'x', psaId: 7 };
    dropCreateIntent(resources, createRole);
    expect(resources['role:A']?.psaId).toBe(7);
  });

  it('settles live snapshots without losing who verified or a key suffix the PSA does not show', () => {
    const resources: Record<Address, StateResource> = {
      'role:A/tableSetup': { kind: 'customize', digest: 'sha256:1', appliedAt: 'x', verifiedBy: 'person', confirmedBy: { who: 'carol', at: 'y' } },
      'member:m/apiKey:k': { kind: 'apiKey', digest: 'sha256:2', appliedAt: 'x', publicKeySuffix: 'ABCD', keyVerifiedAt: 'z' },
    };
    recordSettled(resources, {
      adopt: [{ address: 'role:B', kind: 'role', psaId: 3, digest: 'sha256:b' }],
      verified: {},
      operations: [],
      live: {
        'role:A/tableSetup': { kind: 'customize', digest: 'sha256:live', appliedAt: 'now' },
        'member:m/apiKey:k': { kind: 'apiKey', digest: 'sha256:live2', appliedAt: 'now' },
      },
      at: 'now',
    });
    expect(resources['role:A/tableSetup']).toMatchObject({ digest: 'sha256:live', verifiedBy: 'person', confirmedBy: { who: 'carol' } });
    expect(resources['member:m/apiKey:k']).toMatchObject({ digest: 'sha256:live2', publicKeySuffix: 'ABCD', keyVerifiedAt: 'z' });
    expect(resources['role:B']).toEqual({ kind: 'role', digest: 'sha256:b', appliedAt: 'now', psaId: 3 });
  });
});

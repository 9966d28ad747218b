import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/catalog/database.ts';
import { HostStore } from '../../../electron/core/fleet/host-store.ts';
import { ProbeStore } from '../../../electron/core/fleet/probe-store.ts';

describe('probe store', () => {
  const setup = () => {
    const db = openDatabase(':memory:');
    const host = new HostStore(db).add({ role: 'esxi', address: '127.10.0.8', auth: 'password' }, 1, 'h1');
    return { db, hosts: new HostStore(db), probes: new ProbeStore(db), id: host.id };
  };

  it('keeps the last facts when a later attempt fails, and says how that attempt went', () => {
    const { probes, id } = setup();
    expect(probes.get(id, 1)).toMatchObject({ state: 'never', facts: null });
    probes.saveFacts(id, 'ok', { schema: 1, n: 5 } as { schema: number }, 1000);
    probes.saveFailure(id, 'unreachable', { code: 'ssh.unreachable', message: 'gone' }, 2000);
    expect(probes.get<{ schema: number; n: number }>(id, 1)).toEqual({
      state: 'unreachable',
      attemptedAt: 2000,
      error: { code: 'ssh.unreachable', message: 'gone' },
      facts: { schema: 1, n: 5 },
      factsAt: 1000,
    });
    probes.saveFacts(id, 'partial', { schema: 1, n: 6 } as { schema: number }, 3000);
    expect(probes.get(id, 1)).toMatchObject({ state: 'partial', error: null, factsAt: 3000, facts: { n: 6 } });
  });

  it('drops facts of another schema instead of misreading them, and forgets them with the host', () => {
    const { hosts, probes, id } = setup();
    probes.saveFacts(id, 'ok', { schema: 1 }, 1000);
    expect(probes.get(id, 2)).toMatchObject({ state: 'ok', facts: null, factsAt: null });
    hosts.remove(id);
    expect(probes.get(id, 1).state).toBe('never');
  });
});

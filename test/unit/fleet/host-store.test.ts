import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/catalog/database.ts';
import { HostStore } from '../../../electron/core/fleet/host-store.ts';

const store = () => new HostStore(openDatabase(':memory:'));

describe('host store', () => {
  it('adds hosts with defaults and lists the NAS first, then hosts by group and name', () => {
    const s = store();
    const esxi = s.add({ role: 'esxi', address: '127.10.0.8', auth: 'password', group: 'segreteria', name: 'esxi-08' });
    expect(esxi).toMatchObject({ port: 22, username: 'root', auth: 'password', keyPath: null, hasSecret: false, group: 'segreteria' });
    s.add({ role: 'nas', address: '127.10.0.100', auth: 'key', keyPath: '/home/a/.ssh/id_ed25519' });
    s.add({ role: 'esxi', address: '127.10.0.2', auth: 'agent', name: 'Esxi-02', group: 'didattica' });
    expect(s.list().map((h) => h.name)).toEqual(['127.10.0.100', 'Esxi-02', 'esxi-08']);
  });

  it('refuses a host that is already there, and bad input, with typed errors', () => {
    const s = store();
    s.add({ role: 'esxi', address: '127.10.0.8', auth: 'password' });
    expect(() => s.add({ role: 'esxi', address: '127.10.0.8', auth: 'password' })).toThrow(expect.objectContaining({ code: 'fleet.hostExists' }));
    expect(s.add({ role: 'esxi', address: '127.10.0.8', port: 2222, auth: 'password' }).port).toBe(2222);
    expect(() => s.add({ role: 'esxi', address: 'a b;reboot', auth: 'password' })).toThrow();
    expect(() => s.add({ role: 'esxi', address: '127.0.0.9', auth: 'key' })).toThrow(/key file/);
  });

  it('renames, records whether a secret is kept, and forgets a host', () => {
    const s = store();
    const h = s.add({ role: 'esxi', address: '127.10.0.6', auth: 'password' });
    expect(s.rename(h.id, '  esxi-06 ').name).toBe('esxi-06');
    s.setHasSecret(h.id, true);
    expect(s.get(h.id).hasSecret).toBe(true);
    s.remove(h.id);
    expect(() => s.get(h.id)).toThrow(expect.objectContaining({ code: 'fleet.hostNotFound' }));
  });
});

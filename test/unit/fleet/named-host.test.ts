import { describe, expect, it } from 'vitest';
import { hostsNamed, namedHost, splitEndpoint } from '../../../electron/core/fleet/named-host.ts';
import type { HostEntry } from '../../../shared/ipc/fleet.ts';

/** How a machine typed on the command line is found: by id, name, or address with or without a port. */
const host = (id: string, name: string, address: string, port = 22): HostEntry =>
  ({ id, name, address, port, role: 'esxi', username: 'root', auth: 'key', keyPath: '/k', group: null, createdAt: 0 }) as unknown as HostEntry;
const fleet = [host('h1', 'esxi-01', '10.0.0.1'), host('h2', 'esxi-02', '10.0.0.2'), host('h3', 'esxi-02b', '10.0.0.2', 2222), host('h6', 'v6', 'fe80::1')];

describe('splitEndpoint', () => {
  it.each([
    ['10.0.0.1', { address: '10.0.0.1', port: null }],
    ['10.0.0.1:2222', { address: '10.0.0.1', port: 2222 }],
    ['esxi.lan:22', { address: 'esxi.lan', port: 22 }],
    ['[fe80::1]:22', { address: 'fe80::1', port: 22 }],
    ['[fe80::1]', { address: 'fe80::1', port: null }],
    ['fe80::1', { address: 'fe80::1', port: null }],
    ['10.0.0.1:ssh', { address: '10.0.0.1:ssh', port: null }],
    ['10.0.0.1:0', { address: '10.0.0.1:0', port: null }],
    ['10.0.0.1:70000', { address: '10.0.0.1:70000', port: null }],
  ])('%s', (text, expected) => expect(splitEndpoint(text)).toEqual(expected));
});

describe('namedHost', () => {
  it('finds a machine by id, name, address, address:port or bracketed IPv6', () => {
    expect(['h1', 'esxi-01', '10.0.0.1', '10.0.0.1:22'].map((t) => namedHost(fleet, t).id)).toEqual(['h1', 'h1', 'h1', 'h1']);
    expect(namedHost(fleet, '10.0.0.2:2222').id).toBe('h3');
    expect(namedHost(fleet, '[fe80::1]:22').id).toBe('h6');
    expect(namedHost(fleet, 'fe80::1').id).toBe('h6');
  });

  it('refuses a name nobody answers to, and an address two machines share, with typed errors', () => {
    expect(hostsNamed(fleet, '10.0.0.1:2222')).toEqual([]);
    expect(() => namedHost(fleet, 'esxi-99')).toThrow(expect.objectContaining({ code: 'fleet.unknownHost', details: { host: 'esxi-99' } }));
    expect(() => namedHost(fleet, '10.0.0.2')).toThrow(expect.objectContaining({ code: 'fleet.ambiguousHost', details: { host: '10.0.0.2', count: 2 } }));
  });
});

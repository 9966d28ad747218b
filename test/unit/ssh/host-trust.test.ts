import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/catalog/database.ts';
import { ScriptedHostKeyTrust } from '../../../electron/core/ssh/scripted-ports.ts';
import { fingerprintOf, keyTypeOf } from '../../../electron/core/trust/fingerprint.ts';
import { HostTrust } from '../../../electron/core/trust/host-trust.ts';
import { PinStore } from '../../../electron/core/trust/pin-store.ts';

const ECDSA = Buffer.from('AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBF3EbCv9MZeqxMHkh1l8ey5Nr21Zgsy7tLArzAT80zBrwrTpaP8MN8u8m6HmGDsxlosGxkAdDi6swZNlerzDiy8=', 'base64');
/** The same key type with other key bytes: what a re-keyed host presents. */
const OTHER_ECDSA = Buffer.concat([ECDSA.subarray(0, ECDSA.length - 4), Buffer.from([1, 2, 3, 4])]);
const RSA = Buffer.concat([Buffer.from([0, 0, 0, 7]), Buffer.from('ssh-rsa'), Buffer.from([0, 0, 0, 1, 3, 0, 0, 0, 2, 0, 1])]);

function setup(decide: 'trust' | 'reject' = 'trust') {
  const db = openDatabase(':memory:');
  const pins = new PinStore(db);
  const port = new ScriptedHostKeyTrust(() => decide);
  let now = 1_000;
  const trust = new HostTrust(pins, port, () => now++);
  return { pins, port, trust };
}

const target = { hostId: 'esxi-08', host: 'ESXi-08.school.lan', port: 22 };
const signal = new AbortController().signal;

describe('HostTrust', () => {
  it('computes the fingerprint ssh-keygen prints', () => {
    expect(keyTypeOf(ECDSA)).toBe('ecdsa-sha2-nistp256');
    expect(fingerprintOf(ECDSA)).toBe('SHA256:jwSQxf8Jq9bxEZbIh+vhz/s0RGzOgNYI5mu2YFt4Z2A');
  });

  it('asks on first contact, pins on trust, then matches without asking', async () => {
    const { trust, port, pins } = setup();
    expect(await trust.check(target, ECDSA, signal)).toMatchObject({ kind: 'trusted' });
    expect(port.asked).toEqual([{ ...target, keyType: 'ecdsa-sha2-nistp256', fingerprint: fingerprintOf(ECDSA) }]);
    expect(await trust.check({ ...target, host: 'esxi-08.SCHOOL.lan' }, ECDSA, signal)).toMatchObject({ kind: 'match' });
    expect(port.asked).toHaveLength(1);
    expect(pins.pinsFor('esxi-08.school.lan', 22)).toMatchObject([{ source: 'user', fingerprint: fingerprintOf(ECDSA) }]);
    expect(trust.preferredAlgorithms('esxi-08.school.lan', 22)).toEqual(['ecdsa-sha2-nistp256']);
  });

  it('records a refusal and pins nothing', async () => {
    const { trust, pins } = setup('reject');
    expect(await trust.check(target, ECDSA, signal)).toMatchObject({ kind: 'rejected' });
    expect(pins.pinsFor(target.host, 22)).toEqual([]);
    expect(pins.events().map((e) => e.kind)).toEqual(['rejected']);
  });

  it('refuses a changed key of the same type, reports it with both fingerprints and keeps the old pin', async () => {
    const { trust, port, pins } = setup();
    await trust.check(target, ECDSA, signal);
    const outcome = await trust.check(target, OTHER_ECDSA, signal);
    expect(outcome).toMatchObject({ kind: 'changed', fingerprint: fingerprintOf(OTHER_ECDSA), pinned: { fingerprint: fingerprintOf(ECDSA) } });
    expect(port.asked).toHaveLength(1);
    expect(port.changes).toMatchObject([{ fingerprint: fingerprintOf(OTHER_ECDSA), pinnedFingerprint: fingerprintOf(ECDSA) }]);
    expect(pins.pinsFor(target.host, 22)).toMatchObject([{ fingerprint: fingerprintOf(ECDSA) }]);
    expect(pins.events().at(-1)).toMatchObject({ kind: 'changed', previousFingerprint: fingerprintOf(ECDSA) });
  });

  it('treats a host that now presents another key type as changed, not as a new host', async () => {
    const { trust, port } = setup();
    await trust.check(target, ECDSA, signal);
    expect(await trust.check(target, RSA, signal)).toMatchObject({ kind: 'changed', keyType: 'ssh-rsa' });
    expect(port.asked).toHaveLength(1);
  });

  it('pins per port: the same address on another port is a first contact', async () => {
    const { trust, port } = setup();
    await trust.check(target, ECDSA, signal);
    expect(await trust.check({ ...target, port: 2222 }, OTHER_ECDSA, signal)).toMatchObject({ kind: 'trusted' });
    expect(port.asked).toHaveLength(2);
  });

  it('imports known_hosts without ever overwriting a different pin', () => {
    const { trust, pins } = setup();
    const line = (host: string, key: Buffer) => `${host} ecdsa-sha2-nistp256 ${key.toString('base64')}`;
    expect(trust.importKnownHosts(line('10.0.0.8', ECDSA))).toMatchObject({ imported: [{ host: '10.0.0.8', port: 22 }], conflicts: [] });
    const again = trust.importKnownHosts([line('10.0.0.8', ECDSA), line('[10.0.0.8]:22', OTHER_ECDSA)].join('\n'));
    expect(again).toMatchObject({ imported: [], unchanged: 1, conflicts: [{ host: '10.0.0.8', pinned: fingerprintOf(ECDSA), inFile: fingerprintOf(OTHER_ECDSA), line: 2 }] });
    expect(pins.pinsFor('10.0.0.8', 22)).toMatchObject([{ fingerprint: fingerprintOf(ECDSA), source: 'known_hosts' }]);
  });

  it('forgetting a host drops its pins and records it, so the next contact asks again', async () => {
    const { trust, port, pins } = setup();
    await trust.check(target, ECDSA, signal);
    expect(trust.forget(target.host, 22)).toBe(1);
    expect(await trust.check(target, OTHER_ECDSA, signal)).toMatchObject({ kind: 'trusted' });
    expect(port.asked).toHaveLength(2);
    expect(pins.events().map((e) => e.kind)).toEqual(['trusted', 'removed', 'trusted']);
  });
});

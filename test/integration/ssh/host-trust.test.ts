import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmd } from '../../../electron/core/shell/command.ts';
import { AUTH_ATTEMPT, harness, labUnavailable, sshdLog, sshdLogSize, startSshLab, targetFor, until, type Lab } from './support/ssh-harness.ts';

const skip = labUnavailable();
if (skip) console.log(`[ssh host trust] skipped: ${skip}`);

describe.skipIf(skip !== null)('host keys: trust on first use, pinning, change refused', () => {
  let lab: Lab;
  let scratch: string;
  beforeAll(async () => {
    lab = await startSshLab('small', 'trust');
    scratch = mkdtempSync(join(tmpdir(), 'custode-ssh-trust-'));
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await lab?.stop();
  });

  it('first contact shows key type and fingerprint, and a refusal sends no credential at all', async () => {
    const h = harness({ trustAll: false });
    const esxi = lab.host('esxi-08');
    h.prompter.set((r) => ({ answers: r.prompts.map(() => esxi.password), remember: false }));
    const before = sshdLogSize(lab, esxi);
    h.ssh.register(targetFor(esxi, { password: true, privateKeyPaths: [esxi.privateKeyPath] }));
    await expect(h.ssh.run('esxi-08', cmd('true'))).rejects.toMatchObject({ code: 'ssh.hostKeyUnknown' });
    expect(h.trust.asked).toEqual([{ hostId: 'esxi-08', host: esxi.address, port: esxi.port, keyType: 'ecdsa-sha2-nistp256', fingerprint: esxi.fingerprint }]);
    expect(h.prompter.asked).toHaveLength(0);
    const log = await until(() => sshdLog(lab, esxi, before), (l) => /\[preauth\]/.test(l));
    expect(log).toMatch(/Disconnected from 127\.0\.0\.1 port \d+ \[preauth\]/);
    expect(log).not.toMatch(AUTH_ATTEMPT);
    expect(h.pins.pinsFor(esxi.address, esxi.port)).toEqual([]);
    expect(h.pins.events().map((e) => e.kind)).toEqual(['rejected']);
    h.close();
  });

  it('an accepted key is pinned per host and port, and not asked again', async () => {
    const h = harness();
    const esxi = lab.host('esxi-08');
    h.ssh.register(targetFor(esxi));
    await h.ssh.run('esxi-08', cmd('true'));
    h.ssh.disconnect('esxi-08');
    await h.ssh.run('esxi-08', cmd('true'));
    expect(h.trust.asked).toHaveLength(1);
    expect(h.pins.pinsFor(esxi.address, esxi.port)).toMatchObject([{ keyType: 'ecdsa-sha2-nistp256', fingerprint: esxi.fingerprint, source: 'user' }]);
    // Another port on the same address is another pin.
    expect(h.pins.pinsFor(esxi.address, esxi.port + 1)).toEqual([]);
    h.close();
  });

  it('after the lab rotates the host key: refused before authentication, both fingerprints shown, event recorded', async () => {
    const h = harness();
    const esxi = lab.host('esxi-08');
    h.prompter.set((r) => ({ answers: r.prompts.map(() => esxi.password), remember: false }));
    h.ssh.register(targetFor(esxi, { password: true, privateKeyPaths: [esxi.privateKeyPath] }));
    await h.ssh.run('esxi-08', cmd('true'));
    const oldFingerprint = esxi.fingerprint;
    h.ssh.disconnect('esxi-08');
    h.prompter.asked.length = 0;

    await lab.fault('esxi-08', 'rotate-hostkey');
    const rotated = lab.host('esxi-08');
    expect(rotated.fingerprint).not.toBe(oldFingerprint);
    const before = sshdLogSize(lab, rotated);
    const error = await h.ssh.run('esxi-08', cmd('true')).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'ssh.hostKeyChanged',
      details: { keyType: 'ecdsa-sha2-nistp256', fingerprint: rotated.fingerprint, pinnedFingerprint: oldFingerprint },
    });
    expect(h.trust.asked).toHaveLength(1); // only the first contact; a change is never offered for acceptance
    expect(h.trust.changes).toMatchObject([{ hostId: 'esxi-08', fingerprint: rotated.fingerprint, pinnedFingerprint: oldFingerprint }]);
    expect(h.prompter.asked).toHaveLength(0);
    const log = await until(() => sshdLog(lab, rotated, before), (l) => /\[preauth\]/.test(l));
    expect(log).toMatch(/\[preauth\]/);
    expect(log).not.toMatch(AUTH_ATTEMPT);
    expect(h.pins.events().map((e) => e.kind)).toEqual(['trusted', 'changed']);
    expect(h.pins.events()[1]).toMatchObject({ fingerprint: rotated.fingerprint, previousFingerprint: oldFingerprint });
    // The pin is untouched: trying again is refused again.
    await expect(h.ssh.run('esxi-08', cmd('true'))).rejects.toMatchObject({ code: 'ssh.hostKeyChanged' });
    expect(h.pins.pinsFor(rotated.address, rotated.port)[0]?.fingerprint).toBe(oldFingerprint);
    h.close();
  });

  it('imports pins from an OpenSSH known_hosts, plain and hashed, then connects without asking', async () => {
    const nas = lab.host('truenas');
    const esxi = lab.host('esxi-08');
    // Ask OpenSSH itself for the keys, then write one entry plain and one hashed (ssh-keygen -H), as a user's file has.
    const scan = (h: typeof nas): string =>
      execFileSync('ssh-keyscan', ['-p', String(h.port), '-t', 'ecdsa', h.address], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const plainFile = join(scratch, 'known_hosts');
    writeFileSync(plainFile, `# comment\n*.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n${scan(esxi)}\n`);
    const hashedFile = join(scratch, 'known_hosts_hashed');
    writeFileSync(hashedFile, `${scan(nas)}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', hashedFile], { stdio: 'ignore' });
    const hashedText = readFileSync(hashedFile, 'utf8');
    expect(hashedText).toMatch(/^\|1\|/);

    const h = harness({ trustAll: false });
    const plainReport = h.hostTrust.importKnownHosts(readFileSync(plainFile, 'utf8'));
    expect(plainReport).toMatchObject({ imported: [{ host: esxi.address, port: esxi.port, fingerprint: esxi.fingerprint }], skipped: 1, conflicts: [] });
    const hashedReport = h.hostTrust.importKnownHosts(hashedText, [{ host: nas.address, port: nas.port }, { host: esxi.address, port: esxi.port }]);
    expect(hashedReport.imported).toEqual([{ host: nas.address, port: nas.port, keyType: 'ecdsa-sha2-nistp256', fingerprint: nas.fingerprint }]);

    h.ssh.register(targetFor(esxi));
    h.ssh.register(targetFor(nas));
    expect((await h.ssh.run('esxi-08', cmd('hostname'))).stdout).toBe('esxi-08\n');
    expect((await h.ssh.run('truenas', cmd('hostname'))).stdout).toBe('truenas\n');
    expect(h.trust.asked).toHaveLength(0);
    h.close();
  });
});

import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keysFor, knownHostsName, parseKnownHosts, plainHosts } from '../../../electron/core/trust/known-hosts.ts';

// A real key and the fingerprint `ssh-keygen -lf` printed for it.
const ECDSA = 'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBF3EbCv9MZeqxMHkh1l8ey5Nr21Zgsy7tLArzAT80zBrwrTpaP8MN8u8m6HmGDsxlosGxkAdDi6swZNlerzDiy8=';
const ECDSA_FP = 'SHA256:jwSQxf8Jq9bxEZbIh+vhz/s0RGzOgNYI5mu2YFt4Z2A';

function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts import parsing', () => {
  it('reads plain names, comma lists and [host]:port, with the same fingerprint as ssh-keygen', () => {
    const file = parseKnownHosts(`esxi-08.school.lan,10.0.0.8 ecdsa-sha2-nistp256 ${ECDSA}\n[10.0.0.6]:2222 ecdsa-sha2-nistp256 ${ECDSA} comment\n`);
    expect(keysFor(file, '10.0.0.8', 22)).toEqual([{ keyType: 'ecdsa-sha2-nistp256', publicKey: ECDSA, fingerprint: ECDSA_FP, revoked: false, line: 1 }]);
    expect(keysFor(file, 'ESXI-08.school.lan', 22)).toHaveLength(1);
    expect(keysFor(file, '10.0.0.6', 2222)).toHaveLength(1);
    expect(keysFor(file, '10.0.0.6', 22)).toHaveLength(0);
    expect(plainHosts(file)).toEqual([
      { host: 'esxi-08.school.lan', port: 22 },
      { host: '10.0.0.8', port: 22 },
      { host: '10.0.0.6', port: 2222 },
    ]);
  });

  it('matches hashed entries only when asked about the right name and port', () => {
    const file = parseKnownHosts(`${hashed(knownHostsName('10.0.0.12', 22))} ecdsa-sha2-nistp256 ${ECDSA}\n${hashed('[10.0.0.7]:2200')} ecdsa-sha2-nistp256 ${ECDSA}\n`);
    expect(keysFor(file, '10.0.0.12', 22)).toHaveLength(1);
    expect(keysFor(file, '10.0.0.12', 2200)).toHaveLength(0);
    expect(keysFor(file, '10.0.0.7', 2200)).toHaveLength(1);
    expect(plainHosts(file)).toEqual([]);
  });

  it('skips wildcards, @cert-authority and malformed lines, and flags @revoked keys', () => {
    const file = parseKnownHosts(
      [
        '# a comment',
        '',
        `*.school.lan ecdsa-sha2-nistp256 ${ECDSA}`,
        `@cert-authority *.lan ecdsa-sha2-nistp256 ${ECDSA}`,
        `@revoked 10.0.0.2 ecdsa-sha2-nistp256 ${ECDSA}`,
        '10.0.0.3 ecdsa-sha2-nistp256',
        `10.0.0.4 ssh-rsa ${ECDSA}`,
        '10.0.0.5 ssh-ed25519 bm90IGEga2V5',
      ].join('\n'),
    );
    expect(file.skipped.map((s) => [s.line, s.reason])).toEqual([
      [3, 'wildcard'],
      [4, 'cert-authority'],
      [6, 'malformed'],
      [7, 'malformed'],
      [8, 'malformed'],
    ]);
    expect(keysFor(file, '10.0.0.2', 22)).toMatchObject([{ revoked: true }]);
  });
});

// SSH keys of the lab: per-host host keys (RSA + ECDSA, as ESXi offers) and one client key pair of each type that every
// host accepts. Fingerprints are the `SHA256:…` strings ssh-keygen -l prints (base64 without padding).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { runOk } from './exec.ts';

export type KeyType = 'rsa' | 'ecdsa';

export async function generateKey(path: string, type: KeyType, comment: string): Promise<void> {
  rmSync(path, { force: true });
  rmSync(path + '.pub', { force: true });
  const size = type === 'rsa' ? ['-b', '2048'] : ['-b', '256'];
  await runOk('ssh-keygen', ['-q', '-t', type, ...size, '-N', '', '-C', comment, '-f', path]);
}

export async function ensureKey(path: string, type: KeyType, comment: string): Promise<void> {
  if (!existsSync(path) || !existsSync(path + '.pub')) await generateKey(path, type, comment);
}

export function fingerprintOfPublicKeyFile(pubPath: string): string {
  const blob = readFileSync(pubPath, 'utf8').trim().split(/\s+/)[1] ?? '';
  const digest = createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64');
  return 'SHA256:' + digest.replace(/=+$/, '');
}

import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors/app-error.ts';

/** `SHA256:` + unpadded base64 of the key blob: the string `ssh-keygen -lf` and OpenSSH's prompts show. */
export function fingerprintOf(keyBlob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '');
}

/** The key type named inside an SSH public key blob (its first length-prefixed string). */
export function keyTypeOf(keyBlob: Buffer): string {
  if (keyBlob.length < 4) throw new AppError('ssh.hostKeyInvalid', 'The host key is too short to read');
  const length = keyBlob.readUInt32BE(0);
  if (length === 0 || length > 64 || keyBlob.length < 4 + length) throw new AppError('ssh.hostKeyInvalid', 'The host key has no readable type');
  return keyBlob.subarray(4, 4 + length).toString('latin1');
}

/** Host key algorithms that sign with a key of this type, in ssh2's names (RSA keys sign with SHA-2 first). */
export function algorithmsForKeyType(keyType: string): string[] {
  return keyType === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [keyType];
}

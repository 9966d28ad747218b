import type { Algorithms } from 'ssh2';

/**
 * Algorithms offered to hosts. Ciphers are pinned to AES-GCM/CTR: chacha20-poly1305 fails under Electron's
 * BoringSSL, and ESXi offers exactly these. The rest follow ESXi 8's effective sshd settings (reference A6) with
 * curve25519/ed25519 added for other servers such as the NAS.
 */
export const CIPHERS = ['aes128-gcm@openssh.com', 'aes256-gcm@openssh.com', 'aes128-ctr', 'aes192-ctr', 'aes256-ctr'];

const HOST_KEYS = [
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'ssh-ed25519',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** Puts the algorithms of pinned keys first, so a host that still has its pinned key presents that one. */
export function algorithmsFor(pinnedHostKeyAlgorithms: string[]): Algorithms {
  const preferred = pinnedHostKeyAlgorithms.filter((a) => HOST_KEYS.includes(a));
  return {
    cipher: CIPHERS,
    serverHostKey: [...preferred, ...HOST_KEYS.filter((a) => !preferred.includes(a))],
    kex: [
      'ecdh-sha2-nistp256',
      'ecdh-sha2-nistp384',
      'ecdh-sha2-nistp521',
      'curve25519-sha256',
      'curve25519-sha256@libssh.org',
      'diffie-hellman-group-exchange-sha256',
      'diffie-hellman-group16-sha512',
      'diffie-hellman-group18-sha512',
      'diffie-hellman-group14-sha256',
    ],
    hmac: ['hmac-sha2-256-etm@openssh.com', 'hmac-sha2-512-etm@openssh.com', 'hmac-sha2-256', 'hmac-sha2-512'],
  } as Algorithms;
}

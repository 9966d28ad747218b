// sshd_config for one simulated host. ESXi hosts mirror the effective settings of a real ESXi 8 host (reference A6):
// keyboard-interactive through PAM only, RSA/ECDSA keys in /etc/ssh/keys-root, no ed25519, no forwarding. The NAS
// also accepts plain password authentication, as TrueNAS does.
import type { HostPaths } from './lab-paths.ts';

export const ESXI_PATH = '/usr/lib/vmware/busybox/bin:/bin:/sbin';
export const NAS_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface SshdConfigInput {
  role: 'esxi' | 'nas';
  address: string;
  port: number;
  paths: HostPaths;
}

export function renderSshdConfig({ role, address, port, paths }: SshdConfigInput): string {
  const esxi = role === 'esxi';
  const lines = [
    `ListenAddress ${address}`,
    `Port ${port}`,
    `HostKey ${paths.rsaHostKey}`,
    `HostKey ${paths.ecdsaHostKey}`,
    `PidFile ${paths.runDir}/sshd.pid`,
    'HostKeyAlgorithms ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,rsa-sha2-256,rsa-sha2-512',
    'KexAlgorithms ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256',
    'Ciphers aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr',
    'MACs hmac-sha2-256,hmac-sha2-512',
    'PubkeyAcceptedAlgorithms ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256,ssh-rsa',
    'AuthorizedKeysFile /etc/ssh/keys-%u/authorized_keys',
    'StrictModes no',
    'PermitRootLogin yes',
    'PubkeyAuthentication yes',
    `PasswordAuthentication ${esxi ? 'no' : 'yes'}`,
    'KbdInteractiveAuthentication yes',
    'UsePAM yes',
    'UseDNS no',
    'PrintMotd no',
    'PrintLastLog no',
    'X11Forwarding no',
    'AllowTcpForwarding no',
    'AllowStreamLocalForwarding no',
    'ClientAliveInterval 200',
    'ClientAliveCountMax 3',
    // Tests and benches open many sessions at once; ESXi's 10:30:100 would refuse some of them.
    'MaxStartups 100:30:200',
    'MaxSessions 50',
    'Subsystem sftp internal-sftp',
    `SetEnv PATH=${esxi ? ESXI_PATH : NAS_PATH}`,
  ];
  return lines.join('\n') + '\n';
}

// The /etc layer a host sees on top of the real /etc: its own passwd/shadow (root's shell and password), a profile and
// empty mount points for the ESXi folders bound from the host's private tree.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOk } from './exec.ts';

export const ESXI_MOUNT_DIRS = ['vmware', 'rc.local.d', 'ssh/keys-root'];

export async function hashPassword(password: string): Promise<string> {
  return (await runOk('openssl', ['passwd', '-6', '-stdin'], { input: password + '\n' })).trim();
}

export interface SkelInput {
  etcSkel: string;
  role: 'esxi' | 'nas';
  hostname: string;
  passwordHash: string;
}

export function writeEtcSkel({ etcSkel, role, hostname, passwordHash }: SkelInput): void {
  mkdirSync(etcSkel, { recursive: true });
  const shell = role === 'esxi' ? '/bin/ash' : '/bin/bash';
  const home = role === 'esxi' ? '/' : '/root';
  writeFileSync(
    join(etcSkel, 'passwd'),
    [
      `root:x:0:0:Administrator:${home}:${shell}`,
      'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
      'sshd:x:100:65534::/run/sshd:/usr/sbin/nologin',
      'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
    ].join('\n') + '\n',
  );
  writeFileSync(
    join(etcSkel, 'shadow'),
    [`root:${passwordHash}:19000:0:99999:7:::`, 'daemon:*:19000:0:99999:7:::', 'sshd:*:19000:0:99999:7:::', 'nobody:*:19000:0:99999:7:::'].join(
      '\n',
    ) + '\n',
    { mode: 0o640 },
  );
  writeFileSync(join(etcSkel, 'hostname'), hostname + '\n');
  // sshd's PAM stack: the password against this shadow file, nothing else. The machine's own (Debian's) opens each
  // session with update-motd scripts, mail, limits, locale and systemd modules, ~10 ms of CPU per command, which an
  // ESXi host does not spend and which made fleet benchmarks measure PAM.
  mkdirSync(join(etcSkel, 'pam.d'), { recursive: true });
  writeFileSync(join(etcSkel, 'pam.d', 'sshd'), ['auth', 'account', 'password', 'session'].map((type) => `${type.padEnd(10)} required pam_unix.so\n`).join(''));
  if (role === 'esxi') {
    // Interactive logins read /etc/profile; Debian's would put coreutils first on PATH.
    writeFileSync(join(etcSkel, 'profile'), `export PATH=/usr/lib/vmware/busybox/bin:/bin:/sbin\nexport PS1='[\\u@\\h:\\w] '\n`);
    for (const dir of ESXI_MOUNT_DIRS) mkdirSync(join(etcSkel, dir), { recursive: true });
  }
}

// `vmware -v|-l`, Secure Boot's status script and /sbin/auto-backup.sh.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { hostPath, LAB_DIR } from '../paths.ts';
import { readHostState } from '../state.ts';
import { err, out } from '../../sim/io.ts';

export function vmware(root: string, args: string[]): number {
  const id = readHostState(root).identity;
  if (args[0] === '-v' || args[0] === '--version') {
    out(`VMware ESXi ${id.version} build-${id.build}\n`);
    return 0;
  }
  if (args[0] === '-l' || args[0] === '--level') {
    out(`VMware ESXi ${id.version} ${id.update > 0 ? `Update ${id.update}` : 'GA'}\n`);
    return 0;
  }
  err('Usage: vmware [-v|--version] [-l|--level]\n');
  return 1;
}

/** /usr/lib/vmware/secureboot/bin/secureBoot.py -s prints the current Secure Boot state. */
export function secureBoot(root: string, args: string[]): number {
  if (args[0] === '-s' || args[0] === '--state') {
    out(readHostState(root).identity.secureBoot ? 'Enabled\n' : 'Disabled\n');
    return 0;
  }
  if (args[0] === '-c' || args[0] === '--check-capability') {
    out('Secure boot can be enabled: All vib signatures verified. All tardisks validated. All acceptance levels validated\n');
    return 0;
  }
  err('usage: secureBoot.py [-h] [-s] [-c]\n');
  return 2;
}

/** Files ESXi keeps across a reboot once auto-backup.sh has saved them (the crontab is not one of them). */
export const PERSISTED = ['/etc/rc.local.d/local.sh', '/etc/ssh/keys-root/authorized_keys'];
export const BOOTBANK = `${LAB_DIR}/bootbank`;

export function saveState(root: string): void {
  for (const f of PERSISTED) {
    const src = hostPath(root, f);
    if (!existsSync(src)) continue;
    const dst = hostPath(root, `${BOOTBANK}${f}`);
    mkdirSync(dirname(dst), { recursive: true });
    copyFileSync(src, dst);
  }
}

export function autoBackup(root: string): number {
  saveState(root);
  out('Saving current state in /bootbank\n');
  return 0;
}

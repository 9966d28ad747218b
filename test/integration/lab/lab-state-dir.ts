// Each test file gets its own lab state dir (not under /tmp: hosts mount their own /tmp).
import { mkdtempSync } from 'node:fs';

export function freshStateDir(): string {
  return mkdtempSync('/var/tmp/custode-lab-test-');
}

export const canRunLab = process.platform === 'linux' && process.getuid?.() === 0;
export const skipReason = 'the lab needs Linux and root (mount namespaces + sshd)';

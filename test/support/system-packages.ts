import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** System programs the tests drive for real, and the Debian package that brings each. */
export const SYSTEM_NEEDS = [
  { path: '/usr/bin/chromium', pkg: 'chromium', why: 'end-to-end tests (Playwright drives the system Chromium)' },
  { path: '/usr/sbin/sshd', pkg: 'openssh-server', why: 'the lab (simulated ESXi and TrueNAS hosts are real sshd servers)' },
  // busybox-static, not busybox: Debian's dynamic build has no crond, which the lab's hosts run like ESXi.
  { path: '/bin/busybox', pkg: 'busybox-static', why: 'the lab (ESXi’s shell is busybox ash, its scheduler busybox crond)' },
  { path: '/usr/bin/pdftoppm', pkg: 'poppler-utils', why: 'the printed log report is turned into a picture to check it (end-to-end)' },
] as const;

function busyboxHasCrond(): boolean {
  if (!existsSync('/bin/busybox')) return false;
  const list = spawnSync('/bin/busybox', ['--list'], { encoding: 'utf8' });
  return list.status === 0 && list.stdout.split('\n').includes('crond');
}

export function missingPackages(): (typeof SYSTEM_NEEDS)[number][] {
  return SYSTEM_NEEDS.filter((need) => (need.pkg === 'busybox-static' ? !busyboxHasCrond() : !existsSync(need.path)));
}

export function installCommand(pkgs: readonly string[]): string {
  return `sudo apt-get update && sudo apt-get install -y ${pkgs.join(' ')}`;
}

/**
 * Installs what is missing when this is Debian/Ubuntu and we are root; otherwise returns the one command
 * the user must run. Never half-installs silently: apt's output is shown.
 */
export function ensureSystemPackages(): { ok: true; installed: string[] } | { ok: false; message: string } {
  const missing = missingPackages();
  if (missing.length === 0) return { ok: true, installed: [] };
  const pkgs = missing.map((m) => m.pkg);
  const reasons = missing.map((m) => `  - ${m.pkg}: ${m.why}`).join('\n');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    return {
      ok: false,
      message: `The tests need system packages that are not installed:\n${reasons}\nInstall them with:\n  ${hasApt ? installCommand(pkgs) : `your package manager: ${pkgs.join(' ')}`}`,
    };
  }
  console.log(`Installing ${pkgs.join(', ')} (needed by:\n${reasons})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env });
  const still = missingPackages();
  if (still.length > 0) return { ok: false, message: `apt-get finished but these are still missing: ${still.map((m) => m.path).join(', ')}` };
  return { ok: true, installed: pkgs };
}

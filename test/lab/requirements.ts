// The lab needs Linux, root, util-linux (unshare, nsenter), OpenSSH's sshd and a busybox with crond. The package part
// is the test suite's own (test/support/system-packages.ts): missing packages are installed when we are root on
// Debian/Ubuntu; anything else fails at once naming the one command that fixes it.
import { existsSync } from 'node:fs';
import { AppError } from '../../shared/errors/app-error.ts';
import { ensureSystemPackages, installCommand, missingPackages } from '../support/system-packages.ts';
import { maskedBy, REPO_DIR } from './lab-paths.ts';

const LAB_PACKAGES = new Set(['openssh-server', 'busybox-static']);

/** Throws AppError lab.* with the fix in the message when the lab cannot run on this machine. */
export async function ensureRequirements(): Promise<void> {
  if (process.platform !== 'linux') {
    throw new AppError('lab.notLinux', `The lab needs Linux (mount namespaces and OpenSSH); it cannot run on ${process.platform}`);
  }
  if (process.getuid?.() !== 0) {
    throw new AppError('lab.notRoot', 'The lab needs root (mount namespaces, bind mounts); run it as root, e.g. sudo npm run lab -- up');
  }
  // The hosts run the simulators from this checkout, so it must stay visible under the hosts' own /tmp, /opt, … mounts.
  const masked = maskedBy(REPO_DIR);
  if (masked !== undefined) {
    throw new AppError('lab.repoMasked', `This checkout (${REPO_DIR}) is under ${masked}, which every lab host mounts its own copy of; clone Custode elsewhere (e.g. /var/tmp or your home) to run the lab`, {
      repo: REPO_DIR,
    });
  }
  for (const tool of ['/usr/bin/unshare', '/usr/bin/nsenter']) {
    if (!existsSync(tool)) throw new AppError('lab.missingTool', `${tool} is missing; run: apt-get install -y util-linux`, { tool });
  }
  const missing = missingPackages().filter((m) => LAB_PACKAGES.has(m.pkg));
  if (missing.length === 0) return;
  const result = ensureSystemPackages();
  if (!result.ok) {
    throw new AppError('lab.missingPackages', `${result.message}\n(for the lab alone: ${installCommand(missing.map((m) => m.pkg))})`, {
      missing: missing.map((m) => m.pkg),
    });
  }
}

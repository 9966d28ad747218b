// Each test file gets its own lab state dir (not under /tmp: hosts mount their own /tmp).
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { startLab, type Lab } from '../../lab/api.ts';

export function freshStateDir(): string {
  return mkdtempSync('/var/tmp/custode-lab-test-');
}

export const canRunLab = process.platform === 'linux' && process.getuid?.() === 0;
export const skipReason = 'the lab needs Linux and root (mount namespaces + sshd)';

/** A `small` lab for one describe block: started before its tests, stopped and removed after them. */
export function useSmallLab(): { readonly lab: Lab; readonly stateDir: string } {
  let lab: Lab | undefined;
  const stateDir = freshStateDir();
  beforeAll(async () => {
    lab = await startLab({ topology: 'small', stateDir });
  });
  afterAll(async () => {
    await lab?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });
  return {
    get lab(): Lab {
      if (!lab) throw new Error('the lab is used before beforeAll started it');
      return lab;
    },
    stateDir,
  };
}

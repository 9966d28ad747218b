// Runs INSIDE a host namespace at each start: part B's boot work (NFS binds and the like). Started by the lab with
// the repo's Node; exits non-zero with the error on stderr so the lab can report it.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const esxi = (file: string): string => fileURLToPath(new URL(`./esxi/${file}`, import.meta.url));

if (existsSync(esxi('boot.ts'))) {
  const mod = (await import(pathToFileURL(esxi('boot.ts')).href)) as { bootInside?: () => Promise<void> | void };
  await mod.bootInside?.();
} else if (existsSync('/etc/vmware/lab/state.json') && existsSync(esxi('nfs.ts'))) {
  const { applyNfsMounts } = await import('./esxi/nfs.ts');
  const { readHostState } = await import('./esxi/state.ts');
  await applyNfsMounts('', readHostState(''));
}

// Runs inside a host namespace at every start (part A's boot hook): what ESXi does for its datastores at boot.
import { fileURLToPath } from 'node:url';
import { applyNfsMounts } from './nfs.ts';
import { readHostState } from './state.ts';

export async function bootInside(): Promise<void> {
  await applyNfsMounts('', readHostState(''));
}

// `node boot.ts` (part B's private namespaces in host-exec.ts run it the way part A's boot hook does).
if (process.argv[1] === fileURLToPath(import.meta.url)) await bootInside();

// What the benches against the small lab share: its machines added to a CLI data folder, and a command run by hand
// over plain OpenSSH on esxi-08 (the baseline a person would measure), waited for to its end.
import { spawn } from 'node:child_process';
import { custodeInProcess } from '../custode-in-process.ts';
import type { Lab } from '../lab/api.ts';

export function plainSsh(lab: Lab, args: string[]): Promise<number> {
  const h = lab.host('esxi-08');
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', '-i', h.privateKeyPath, '-p', String(h.port), `root@${h.address}`, ...args], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

/** The lab's NAS and esxi-08 added by key, their fingerprints accepted as read from the lab. */
export async function addSmallLab(lab: Lab, env: Record<string, string>, reason: string): Promise<void> {
  for (const name of ['truenas', 'esxi-08']) {
    const h = lab.host(name);
    const r = await custodeInProcess(['fleet', h.role === 'nas' ? 'add-nas' : 'add-host', h.address, '--port', String(h.port), '--key', h.privateKeyPath, '--accept-fingerprint', h.fingerprint, '--reason', reason, '--yes'], env);
    if (r.code !== 0) throw new Error(`adding ${name} failed: ${r.err}`);
  }
}

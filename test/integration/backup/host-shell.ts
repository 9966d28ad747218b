// A lab host's shell for tests that check a host by hand: a command's stdout (a failure throws), and a VM's id.
import type { LabHost } from '../../lab/api.ts';
import { run as onHost } from '../lab/ssh-client.ts';

export function hostShell(host: () => LabHost): { sh(command: string): Promise<string>; vmid(name: string): Promise<string> } {
  const sh = async (command: string): Promise<string> => {
    const r = await onHost(host(), command);
    if (r.code !== 0) throw new Error(`${command} exited ${r.code}: ${r.stderr}`);
    return r.stdout;
  };
  const vmid = async (name: string): Promise<string> => {
    const line = (await sh('vim-cmd vmsvc/getallvms')).split('\n').find((l) => l.includes(`   ${name}   `));
    if (line === undefined) throw new Error(`no VM ${name}`);
    return line.trim().split(/\s+/)[0]!;
  };
  return { sh, vmid };
}

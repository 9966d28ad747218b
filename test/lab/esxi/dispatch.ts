// The simulated ESXi commands by name. Each command's module is imported on demand: the Node fallback (cli.ts) pays
// its start-up on every call, the resident simulator once.
import { err } from '../sim/io.ts';

export const ESXI_COMMANDS = ['vim-cmd', 'esxcli', 'vmkfstools', 'vmware', 'secureBoot.py', 'auto-backup.sh'] as const;

export async function runEsxiCommand(command: string, root: string, args: string[]): Promise<number> {
  switch (command) {
    case 'vim-cmd':
      return (await import('./commands/vim-cmd.ts')).vimCmd(root, args);
    case 'esxcli':
      return (await import('./commands/esxcli.ts')).esxcli(root, args);
    case 'vmkfstools':
      return (await import('./commands/vmkfstools.ts')).vmkfstools(root, args);
    case 'vmware':
      return (await import('./commands/host-info.ts')).vmware(root, args);
    case 'secureBoot.py':
      return (await import('./commands/host-info.ts')).secureBoot(root, args);
    case 'auto-backup.sh':
      return (await import('./commands/host-info.ts')).autoBackup(root);
  }
  err(`lab: unknown ESXi command ${command}\n`);
  return 127;
}

// Entry point of every simulated ESXi command: `cli.ts <command> args…`, started by the sh wrappers in bin/.
// Each command's module is imported on demand: startup cost is paid on every vim-cmd call ghettoVCB makes.
import { hostRoot } from './paths.ts';

const [command = '', ...args] = process.argv.slice(2);
process.title = command;
const root = hostRoot();

async function run(): Promise<number> {
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
  process.stderr.write(`lab: unknown ESXi command ${command}\n`);
  return 127;
}

process.exitCode = await run();

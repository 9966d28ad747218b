import { AppError } from '../../../shared/errors/app-error.ts';
import { cmd, pathArg, type ShellCommand } from '../shell/command.ts';

/** Reading a file on the host: the path is one quoted argument, so spaces and quotes in VM folders are harmless. */
export const ROOT_CRONTAB = '/var/spool/cron/crontabs/root';
export const LOCAL_SH = '/etc/rc.local.d/local.sh';

export function readFileCommand(path: string): ShellCommand {
  if (path === '') throw new AppError('esxi.invalidPath', 'An empty path cannot be read', { path });
  return cmd('cat', pathArg(path));
}

export const readCrontabCommand = (): ShellCommand => readFileCommand(ROOT_CRONTAB);
export const readLocalShCommand = (): ShellCommand => readFileCommand(LOCAL_SH);

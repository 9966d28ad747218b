import { sh, type ShellCommand } from '../shell/command.ts';

/**
 * Wraps a command so that it dies with its channel. OpenSSH refuses `signal` requests for exec sessions
 * ("session signalling requires privilege separation", checked against the lab's OpenSSH 9.2) and leaves a
 * non-pty process running when the channel closes, so closing alone would leave `sleep`, `vmkfstools`… running.
 *
 * The command runs in the background with no stdin. A watcher reads the channel's stdin (kept on fd 3, since a
 * background list's own stdin is /dev/null) with the shell's own `read` (no `cat` to start: on a host every process
 * is CPU, and every channel has a watcher), which only ends when Custode closes the channel (cancel, timeout)
 * or the connection drops; it then signals the session's whole process group (sshd starts each session with
 * setsid). When the command ends by itself the watcher is killed first and the exit status passes through.
 * Work meant to outlive the channel must detach with `setsid`.
 */
export function dieWithChannel(command: ShellCommand): ShellCommand {
  return sh`exec 3<&0; (
${command}
) </dev/null 3<&- & c=$!; ( while read -r _; do :; done <&3; kill -TERM 0 ) >/dev/null 2>&1 & w=$!; exec 3<&-; wait $c; s=$?; kill -9 $w 2>/dev/null; exit $s`;
}

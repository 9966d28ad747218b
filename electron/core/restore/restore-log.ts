/**
 * What ghettoVCB-restore.sh said (reference 4.6: no timestamps): its output and its `-l` log read together. A
 * refusal is an `ERROR: …` line; a disk that failed to clone says `Failed to clone disk` (the script goes on and
 * registers the VM anyway, so this is read here); the end is "Completed restore for <name>!".
 */
export interface RestoreLog {
  errors: string[];
  cloneFailures: string[];
  completed: boolean;
}

export function parseRestoreLog(text: string): RestoreLog {
  const log: RestoreLog = { errors: [], cloneFailures: [], completed: false };
  // vmkfstools writes its progress with carriage returns, and a failure follows the last percent on the same line.
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    const error = /^ERROR: (.*)$/.exec(line);
    if (error) log.errors.push(error[1]!);
    const failed = /Failed to clone disk.*$/.exec(line);
    if (failed) log.cloneFailures.push(failed[0]);
    if (/^#+ Completed restore for .*! #+$/.test(line)) log.completed = true;
  }
  return log;
}

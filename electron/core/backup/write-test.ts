import { randomUUID } from 'node:crypto';
import { joinPath, sh, type ShellCommand } from '../shell/command.ts';

/**
 * A real write in the backup folder: a file with a name nobody else uses is created (refused if anything is
 * there already: `set -C`), written, and removed again. Only that file is ever removed, and only once this test
 * created it; nothing else on the share is touched.
 */
export interface WriteTest {
  dir: string;
  file: string;
  outcome: 'ok' | 'notCreated' | 'notWritten' | 'leftover';
  /** What the host printed (the error text when it failed). */
  output: string;
}

const MARK = 'custode.write';

export function writeTestFile(dir: string, id: string = randomUUID()): string {
  return joinPath(dir, `.custode-write-test-${id}`);
}

export function writeTestCommand(file: string): ShellCommand {
  return sh`if ( set -C; : > ${file} ) 2>&1; then echo custode-write-test >> ${file} 2>&1; w=$?; rm -f ${file} 2>&1; r=$?; echo ${MARK}=$w; echo ${MARK}.remove=$r; else echo ${MARK}=notCreated; fi`;
}

export function parseWriteTest(dir: string, file: string, stdout: string): WriteTest {
  const written = new RegExp(`^${MARK.replace('.', '\\.')}=(\\w+)$`, 'm').exec(stdout)?.[1];
  const removed = new RegExp(`^${MARK.replace('.', '\\.')}\\.remove=(\\d+)$`, 'm').exec(stdout)?.[1];
  const output = stdout
    .split('\n')
    .filter((l) => !l.startsWith(MARK) && l.trim() !== '')
    .join('\n')
    .slice(0, 500);
  const outcome: WriteTest['outcome'] = written === undefined || written === 'notCreated' ? 'notCreated' : written !== '0' ? 'notWritten' : removed !== '0' ? 'leftover' : 'ok';
  return { dir, file, outcome, output };
}

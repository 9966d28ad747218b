import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { and, cmd, joinPath, pathArg, pipe, quote, raw, sh } from '../../../electron/core/shell/command.ts';

/** Runs a command line in /bin/sh and returns what printf saw, byte for byte. */
function roundTrip(value: string): string {
  return execFileSync('/bin/sh', ['-c', sh`printf '%s' ${value}`.text], { encoding: 'utf8' });
}

describe('shell command builder', () => {
  it('leaves plain words alone and quotes everything else', () => {
    expect(quote('datastore1')).toBe('datastore1');
    expect(quote('/vmfs/volumes/VM_backup_10.0.0.8')).toBe('/vmfs/volumes/VM_backup_10.0.0.8');
    expect(quote('')).toBe("''");
    expect(quote('a b')).toBe("'a b'");
    expect(quote("it's")).toBe("'it'\\''s'");
    expect(quote('$(reboot)')).toBe("'$(reboot)'");
  });

  it('round-trips any string through a real shell unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0')), (s) => {
        expect(roundTrip(s)).toBe(s);
      }),
      { numRuns: 300 },
    );
  }, 120_000); // 300 shells: slow on a busy machine, never a race

  it('refuses NUL, which no argument can carry', () => {
    expect(() => quote('a\0b')).toThrow(expect.objectContaining({ code: 'shell.nulByte' }));
  });

  it('composes commands without re-quoting built fragments', () => {
    const list = cmd('ls', '-la', '/vmfs/volumes/ESXI _10.0.0.2');
    expect(pipe(list, cmd('head', '-n', 5)).text).toBe("ls -la '/vmfs/volumes/ESXI _10.0.0.2' | head -n 5");
    expect(and(raw('cd /tmp'), sh`rm -f ${'x;y'}`).text).toBe("cd /tmp && rm -f 'x;y'");
    expect(cmd('/vmfs/volumes/my ds/ghettoVCB/ghettoVCB.sh', '-a').text).toBe("'/vmfs/volumes/my ds/ghettoVCB/ghettoVCB.sh' -a");
    expect(cmd('ls; reboot').text).toBe("'ls; reboot'");
    expect(() => cmd('')).toThrow(expect.objectContaining({ code: 'shell.invalidProgram' }));
  });

  it('never lets a program or a value at the start of a command become an assignment or a reserved word', () => {
    // Through a real shell: the first word must be run as a program, so `command not found` (127) is the proof.
    const run = (c: { text: string }) => {
      try {
        return { out: execFileSync('/bin/sh', ['-c', c.text], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }), code: 0 };
      } catch (error) {
        return { out: String((error as { stdout?: string }).stdout ?? ''), code: (error as { status?: number }).status };
      }
    };
    expect(cmd('X=1', 'echo', 'leaked').text).toBe("'X=1' echo leaked");
    expect(run(cmd('X=1', 'echo', 'leaked'))).toEqual({ out: '', code: 127 });
    expect(run(sh`${'PATH=/nowhere'} echo leaked`)).toEqual({ out: '', code: 127 });
    expect(quote('VM_BACKUP_VOLUME=/vmfs')).toBe("'VM_BACKUP_VOLUME=/vmfs'");
    expect(quote('--format=csv')).toBe('--format=csv');
    for (const word of ['if', '!', '{', 'while', 'time']) expect(cmd(word, 'x').text).toBe(`'${word}' x`);
    // (`time` is also a real program here, so it is left out of this part.)
    for (const word of ['if', '!', '{', 'while']) expect(run(cmd(word, 'true')).code).toBe(127);
  });

  it('joins paths and refuses segments that would change the directory', () => {
    expect(joinPath('/vmfs/volumes/', 'datastore1', 'VM with spaces')).toBe('/vmfs/volumes/datastore1/VM with spaces');
    for (const bad of ['', '.', '..', 'a/b']) expect(() => joinPath('/x', bad)).toThrow(expect.objectContaining({ code: 'shell.invalidPathSegment' }));
    expect(pathArg('-rf')).toBe('./-rf');
  });
});

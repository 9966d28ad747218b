import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, cmd, joinPath, pipe, raw, sh } from '../../../electron/core/shell/command.ts';
import type { OutputLine } from '../../../electron/core/ssh/exec.ts';
import { CANARY, HOSTILE_STRINGS } from '../../fixtures/ssh/hostile-strings.ts';
import { harness, labUnavailable, startSshLab, targetFor, until, type Harness, type Lab } from './support/ssh-harness.ts';

const skip = labUnavailable();
if (skip) console.log(`[ssh commands] skipped: ${skip}`);

const hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');

describe.skipIf(skip !== null)('commands on a lab ESXi host (busybox ash)', () => {
  let lab: Lab;
  let h: Harness;
  const canaryOnHost = (): boolean => existsSync(join(lab.host('esxi-08').hostFs, CANARY)) || existsSync(CANARY);

  beforeAll(async () => {
    lab = await startSshLab('small', 'commands');
    h = harness();
    h.ssh.register(targetFor(lab.host('esxi-08')));
  });
  afterAll(async () => {
    h?.close();
    await lab?.stop();
  });

  it('runs in busybox ash and returns exit code, stdout and stderr apart', async () => {
    expect((await h.ssh.run('esxi-08', raw('echo $0'))).stdout).toBe('ash\n');
    const r = await h.ssh.run('esxi-08', sh`echo out; echo err >&2; exit ${7}`);
    expect(r).toEqual({ exitCode: 7, exitSignal: null, stdout: 'out\n', stderr: 'err\n' });
  });

  it(`round-trips ${HOSTILE_STRINGS.length} hostile strings byte for byte, and never runs any of them`, async () => {
    expect(HOSTILE_STRINGS.length).toBeGreaterThanOrEqual(50);
    expect(canaryOnHost()).toBe(false);
    const results = await Promise.all(
      HOSTILE_STRINGS.map(async (value) => {
        // As a template value, as a cmd() argument, and inside a pipe read back as hex (no decoding in between).
        const viaTemplate = await h.ssh.run('esxi-08', sh`printf '%s' ${value}`);
        const viaCmd = await h.ssh.run('esxi-08', cmd('printf', '%s', value));
        const viaPipe = await h.ssh.run('esxi-08', pipe(cmd('printf', '%s', value), cmd('od', '-An', '-v', '-tx1')));
        return { value, viaTemplate, viaCmd, hexOut: viaPipe.stdout.replace(/\s+/g, '') };
      }),
    );
    for (const r of results) {
      expect(r.viaTemplate, JSON.stringify(r.value)).toMatchObject({ exitCode: 0, stdout: r.value });
      expect(r.viaCmd.stdout, JSON.stringify(r.value)).toBe(r.value);
      expect(r.hexOut, JSON.stringify(r.value)).toBe(hex(r.value));
    }
    expect(canaryOnHost()).toBe(false);
  });

  it('hostile names survive as path segments: created, found and removed exactly', async () => {
    const base = '/tmp/custode names';
    await h.ssh.run('esxi-08', cmd('mkdir', '-p', base));
    const names = HOSTILE_STRINGS.filter((s) => s !== '' && s !== '.' && s !== '..' && !s.includes('/') && s.length < 200);
    for (const name of names) {
      const path = joinPath(base, name);
      const r = await h.ssh.run('esxi-08', and(cmd('mkdir', path), sh`test -d ${path}`, cmd('rmdir', path)));
      expect(r.exitCode, JSON.stringify(name)).toBe(0);
    }
    expect((await h.ssh.run('esxi-08', sh`ls -A ${base} | wc -l`)).stdout.trim()).toBe('0');
    expect(canaryOnHost()).toBe(false);
  });

  it('streams lines as they are printed, with \\r progress updates apart', async () => {
    const lines: OutputLine[] = [];
    const seenBeforeEnd: number[] = [];
    const r = await h.ssh.stream('esxi-08', raw(`echo start; printf 'Clone: 10%% done.\\rClone: 55%% done.\\rClone: 100%% done.\\r\\n'; echo warn >&2; sleep 1; echo end`), {
      onLine: (line) => {
        lines.push(line);
        if (line.text === 'warn') seenBeforeEnd.push(lines.length);
      },
    });
    expect(r.exitCode).toBe(0);
    expect(lines.filter((l) => l.stream === 'stdout')).toEqual([
      { stream: 'stdout', kind: 'line', text: 'start' },
      { stream: 'stdout', kind: 'progress', text: 'Clone: 10% done.' },
      { stream: 'stdout', kind: 'progress', text: 'Clone: 55% done.' },
      { stream: 'stdout', kind: 'line', text: 'Clone: 100% done.' },
      { stream: 'stdout', kind: 'line', text: 'end' },
    ]);
    expect(lines.find((l) => l.stream === 'stderr')).toEqual({ stream: 'stderr', kind: 'line', text: 'warn' });
    // `warn` was delivered while the command still had a second to run.
    expect(seenBeforeEnd[0]).toBeLessThan(lines.length);
  });

  const running = async (marker: string): Promise<number> =>
    (await h.ssh.run('esxi-08', pipe(cmd('ps'), sh`grep -c ${`[s]leep ${marker}`}`))).stdout.trim() === '0' ? 0 : 1;

  it('cancelling ends the process on the host, not only the channel', async () => {
    const marker = String(700000 + Math.floor(Math.random() * 99999));
    const controller = new AbortController();
    const pending = h.ssh.run('esxi-08', sh`sleep ${marker}; echo never`, { signal: controller.signal });
    expect(await until(() => running(marker), (n) => n === 1)).toBe(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ssh.cancelled' });
    expect(await until(() => running(marker), (n) => n === 0)).toBe(0);
  });

  it('a timeout gives ssh.timeout and also ends the process on the host', async () => {
    const marker = String(800000 + Math.floor(Math.random() * 99999));
    await expect(h.ssh.run('esxi-08', sh`sleep ${marker}`, { timeoutMs: 700 })).rejects.toMatchObject({ code: 'ssh.timeout' });
    expect(await until(() => running(marker), (n) => n === 0)).toBe(0);
  });

  it('a child the command started in the background dies too', async () => {
    const marker = String(900000 + Math.floor(Math.random() * 99999));
    const controller = new AbortController();
    const pending = h.ssh.run('esxi-08', sh`sleep ${marker} & sleep ${marker}; wait`, { signal: controller.signal });
    expect(await until(() => running(marker), (n) => n === 1)).toBe(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ssh.cancelled' });
    expect((await until(() => h.ssh.run('esxi-08', pipe(cmd('ps'), sh`grep -c ${`[s]leep ${marker}`}`)), (r) => r.stdout.trim() === '0')).stdout.trim()).toBe('0');
  });
});

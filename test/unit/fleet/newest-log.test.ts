import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLastRun } from '../../../electron/core/fleet/newest-log.ts';
import type { ProbeShell } from '../../../electron/core/fleet/probe-shell.ts';
import { LineSplitter } from '../../../electron/core/ssh/line-splitter.ts';

const FIXTURE = new URL('../../fixtures/ghettovcb/logs/aborted-then-next-run.txt', import.meta.url);
let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** The probe's shell, played by a real /bin/sh in a scratch folder: the command text is run as the host would run it. */
function localShell(cwd: string, seen: string[]): ProbeShell {
  const exec = (text: string) => {
    seen.push(text);
    try {
      return { exitCode: 0, exitSignal: null, stdout: execFileSync('/bin/sh', ['-c', text], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }), stderr: '' };
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      return { exitCode: e.status, exitSignal: null, stdout: e.stdout, stderr: e.stderr };
    }
  };
  return {
    run: async (c) => exec(c.text),
    stream: async (c, onLine) => {
      const r = exec(c.text);
      const splitter = new LineSplitter((text, kind) => onLine({ stream: 'stdout', kind, text }));
      splitter.push(Buffer.from(r.stdout));
      splitter.end();
      return { ...r, stdout: '' };
    },
    list: async () => [],
  };
}

describe('readLastRun', () => {
  it('reads a log in a folder named like an option (`-f`) as a file, never as tail\'s -f', async () => {
    dir = mkdtempSync(join(tmpdir(), 'custode-newest-log-'));
    mkdirSync(join(dir, '-f'));
    copyFileSync(FIXTURE, join(dir, '-f', 'ghettoVCB-1.log'));
    const size = statSync(join(dir, '-f', 'ghettoVCB-1.log')).size;
    const seen: string[] = [];
    const facts = await readLastRun(localShell(dir, seen), '-f', { name: 'ghettoVCB-1.log', type: 'file', size, mtime: 1, mode: 0o644 });
    expect(seen).toEqual([`tail -c ${2 * 1024 * 1024} ./-f/ghettoVCB-1.log`]);
    // Read off the fixture: its newest run (the third) started 2025-11-07 01:00:02 and stops mid-backup, no final status.
    expect(facts).toMatchObject({ path: '-f/ghettoVCB-1.log', startedAt: '2025-11-07 01:00:02', finalStatus: null });
    expect(facts.outcomes.map((o) => o.name)).toEqual(['web01']);
  });
});

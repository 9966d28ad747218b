import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const node = join(root, 'node_modules/.bin/node');
const logs = join(root, 'test/fixtures/ghettovcb/logs');

function custode(args: string[], input?: string) {
  const r = spawnSync(node, [join(root, 'electron/cli/bin.mjs'), ...args], { cwd: root, encoding: 'utf8', input, env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', TZ: 'UTC' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Each case starts a process: on a busy machine that is slow, never a race.
describe('custode CLI', { timeout: 60_000 }, () => {
  it('log parse --json prints {"runs":[…]} equal to the golden file', () => {
    const r = custode(['log', 'parse', join(logs, 'ref-5.8-partial-failure.txt'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(JSON.parse(readFileSync(join(logs, 'ref-5.8-partial-failure.expected.json'), 'utf8')));
  });

  it('log parse reads stdin with -', () => {
    const r = custode(['log', 'parse', '-'], readFileSync(join(logs, 'aborted-then-next-run.txt'), 'utf8'));
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter((l) => l.startsWith('run '))).toHaveLength(3);
    expect(r.out).toContain('unknown');
  });

  it('log explain speaks Italian and English', () => {
    const it_ = custode(['log', 'explain', join(logs, 'ref-5.8-partial-failure.txt'), '--lang', 'it']);
    expect(it_.code).toBe(0);
    expect(it_.out).toContain('Saltata: la VM ha degli snapshot');
    expect(it_.out).toContain('La condivisione di backup è piena.');
    const en = custode(['log', 'explain', join(logs, 'ref-5.9-lock-failure.txt')]);
    expect(en.out).toContain('Another ghettoVCB run held the lock');
  });

  it('conf check prints findings with line numbers and as JSON', () => {
    const file = join(root, 'test/fixtures/ghettovcb/conf/ghettoVCB.conf');
    const text = custode(['conf', 'check', file]);
    expect(text.code).toBe(1);
    expect(text.out).toContain(`${file}:1: error: VM_BACKUP_VOLUME is still the author’s example path`);
    const json = JSON.parse(custode(['conf', 'check', file, '--json', '--per-vm']).out) as { issues: Array<{ code: string }>; values: Record<string, string> };
    expect(json.values.NFS_SERVER).toBe('172.30.0.195');
    expect(json.issues.map((i) => i.code)).toContain('ghettovcb.conf.perVmMissingKey');
  });

  it('conf check exits 0 on a conf ghettoVCB handles correctly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custode-conf-'));
    const file = join(dir, 'ghettoVCB.conf');
    writeFileSync(file, 'VM_BACKUP_VOLUME=/vmfs/volumes/VM_backup_10.0.0.8\nDISK_BACKUP_FORMAT=thin\nVM_BACKUP_ROTATION_COUNT=3\nALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP=0\n');
    expect(custode(['conf', 'check', file])).toEqual({ code: 0, out: `${file}: 0 error(s), 0 warning(s)\n`, err: '' });
  });

  it('cron explain describes the schedule and lists next runs', () => {
    const r = custode(['cron', 'explain', '30 4 * * * /x > /dev/null', '--from', '2025-11-02T00:00:00Z', '--count', '2']);
    expect(r).toEqual({
      code: 0,
      out: 'Every day at 04:30 (UTC, the host clock)\nNext runs, in this computer’s time (UTC):\n  Sun, 2 Nov 2025, 04:30 UTC\n  Mon, 3 Nov 2025, 04:30 UTC\n',
      err: '',
    });
  });

  it('answers bad usage and unreadable input with one line and exit 2', () => {
    for (const args of [[], ['nope'], ['log'], ['log', 'parse'], ['log', 'parse', '/no/such/file'], ['cron', 'explain', '99 * * * * x'], ['conf', 'check', 'x', '--bogus'], ['log', 'explain', 'x', '--lang', 'de']]) {
      const r = custode(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.err.startsWith('custode: ')).toBe(true);
    }
  });

  it('prints usage on --help', () => {
    expect(custode(['--help'])).toMatchObject({ code: 0, err: '' });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainShareFull, runOutcomes, type ShareEvidence } from '../../../electron/core/backup/share-full.ts';
import { parseLog } from '../../../electron/core/ghettovcb/log/parser.ts';
import type { LogRun } from '../../../electron/core/ghettovcb/log/types.ts';

// The real ghettoVCB's log of a clone the full lab share cut off (test/fixtures/ghettovcb/logs/README.md), and the same
// run with a second VM that failed the same way: what its stdout holds. The share's log is that text cut off just
// after the second VM began, as a full share leaves it.
const REAL = readFileSync(join(import.meta.dirname, '../../fixtures/ghettovcb/logs/real-failed-clone.txt'), 'utf8');
const lines = REAL.split('\n');
const first = lines.findIndex((l) => l.includes('Initiate backup for segreteria-dc01'));
const last = lines.findIndex((l) => l.includes('Unable to backup segreteria-dc01'));
const second = lines.slice(first, last + 1).map((l) => l.replaceAll('segreteria-dc01', 'segreteria app'));
const end = lines.findIndex((l) => l.includes('Final status'));
const OUTPUT = [...lines.slice(0, end), ...second, '', ...lines.slice(end)].join('\n');
const CUT = OUTPUT.slice(0, OUTPUT.indexOf('Initiate backup for segreteria app') + 'Initiate backup for segreteria app'.length + 1);

/** A log that stops as the first VM begins. */
const BEGUN = lines.slice(0, first + 1).join('\n') + '\n';
const run = (text: string): LogRun => parseLog(text).runs.at(-1)!;
const evidence = (over: Partial<ShareEvidence>): ShareEvidence => ({
  log: run(CUT),
  output: run(OUTPUT),
  requested: ['segreteria-dc01', 'segreteria app'],
  share: 'VM_backup_10.0.0.8',
  freeBytes: 4096,
  freeText: '4096 B',
  ...over,
});
const params = (vm: string) => ({ vm, share: 'VM_backup_10.0.0.8', free: '4096 B', freeBytes: 4096 });

describe('a run the full share cut off, explained per VM', () => {
  it('the cut-off copy failed for want of space; the VM after it is read from the run’s output, with why', () => {
    expect(run(CUT).vms.map((v) => [v.name, v.outcome])).toEqual([
      ['segreteria-dc01', 'error_vmdk'],
      ['segreteria app', 'unknown'],
    ]);
    expect(explainShareFull(evidence({}))).toEqual([
      { vm: 'segreteria-dc01', outcome: 'error_vmdk', reason: expect.stringContaining('not enough space'), durationSeconds: 5, why: { code: 'backup.shareFull.copyFailed', params: params('segreteria-dc01') } },
      { vm: 'segreteria app', outcome: 'error_vmdk', reason: expect.stringContaining('not enough space'), durationSeconds: 5, why: { code: 'backup.shareFull.copyFailedOutput', params: params('segreteria app') } },
    ]);
  });

  it('without the run’s output (a cron run) the VM after it is unknown, and says the share was full', () => {
    const [, app] = explainShareFull(evidence({ output: null }));
    expect(app).toEqual({ vm: 'segreteria app', outcome: 'unknown', reason: null, durationSeconds: null, why: { code: 'backup.shareFull.unknownNoOutput', params: params('segreteria app') } });
  });

  it('a chosen VM no line names is unknown, with why', () => {
    const out = explainShareFull(evidence({ log: run(CUT), output: run(CUT), requested: ['segreteria-dc01', 'segreteria app', 'server-file'] }));
    expect(out.map((o) => [o.vm, o.outcome, o.why?.code])).toEqual([
      ['segreteria-dc01', 'error_vmdk', 'backup.shareFull.copyFailed'],
      ['segreteria app', 'unknown', 'backup.shareFull.unknown'],
      ['server-file', 'unknown', 'backup.shareFull.unknown'],
    ]);
  });

  it('a share found with less than 1 MiB free is full even when no copy said so', () => {
    const log = run(BEGUN);
    const [dc01] = explainShareFull(evidence({ log, output: null, requested: ['segreteria-dc01'], freeBytes: 1024 * 1024 - 1, freeText: '1023 KiB' }));
    expect(dc01?.why?.code).toBe('backup.shareFull.unknownNoOutput');
  });

  it('a share with room and no copy out of space changes nothing, even with a cut log', () => {
    const log = run(BEGUN);
    const e = evidence({ log, output: null, freeBytes: 50 * 1024 ** 3, freeText: '50 GiB' });
    expect(explainShareFull(e)).toEqual(runOutcomes(log));
    expect(explainShareFull(e)[0]).not.toHaveProperty('why');
  });
});

describe('a VM whose failure lost ESXi’s words on the full share', () => {
  // vmkfstools' last line reaches the log (and not always stdout): without it only the full share explains the failure.
  const noWords = (text: string) => text.split('\n').filter((l) => !l.includes('Failed to clone disk')).join('\n');

  it('read from the output: failed while the share was full', () => {
    const [, app] = explainShareFull(evidence({ output: run(noWords(OUTPUT)) }));
    expect(app).toMatchObject({ outcome: 'error_vmdk', why: { code: 'backup.shareFull.copyFailedOutput' } });
  });

  it('in the log: failed while the share was full, when little space is left', () => {
    const [dc01] = explainShareFull(evidence({ log: run(noWords(OUTPUT)), output: null }));
    expect(dc01).toMatchObject({ outcome: 'error_vmdk', why: { code: 'backup.shareFull.failedWhileFull', params: params('segreteria-dc01') } });
    const roomy = explainShareFull(evidence({ log: run(noWords(OUTPUT)), output: null, freeBytes: 50 * 1024 ** 3, freeText: '50 GiB' }));
    expect(roomy.map((o) => o.why)).toEqual([undefined, undefined]);
  });
});

describe('a good copy whose result the full share’s log lost', () => {
  it('is ok, read from the output, and says so', () => {
    const good = OUTPUT.split('\n')
      .filter((l) => !(l.includes('segreteria-dc01') && l.includes('ERROR')))
      .map((l) => (l.endsWith('Removing snapshot from segreteria-dc01 ...') ? `${l}\n2026-12-06 17:40:18 -- info: Successfully completed backup for segreteria-dc01!` : l))
      .join('\n');
    const [dc01] = explainShareFull(evidence({ log: run(BEGUN), output: run(good) }));
    expect(dc01).toMatchObject({ vm: 'segreteria-dc01', outcome: 'ok', why: { code: 'backup.shareFull.fromOutput', params: params('segreteria-dc01') } });
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLog } from '../../../electron/core/ghettovcb/log/parser.ts';

const dir = join(import.meta.dirname, '../../fixtures/ghettovcb/logs');
const samples = readdirSync(dir).filter((f) => f.endsWith('.txt'));

describe('log parser golden files', () => {
  it('has every reference sample', () => {
    expect(samples.length).toBeGreaterThanOrEqual(21);
  });

  for (const file of samples) {
    it(file, () => {
      const expected: unknown = JSON.parse(readFileSync(join(dir, file.replace(/\.txt$/, '.expected.json')), 'utf8'));
      expect(parseLog(readFileSync(join(dir, file), 'utf8'))).toEqual(expected);
    });
  }
});

describe('log parser facts the golden files rely on', () => {
  const parse = (file: string) => parseLog(readFileSync(join(dir, file), 'utf8'));

  it('reads the partial failure of reference 5.8 as exit 5 with one outcome per VM', () => {
    const [run] = parse('ref-5.8-partial-failure.txt').runs;
    expect(run?.exitCode).toBe(5);
    expect(run?.vms.map((vm) => [vm.name, vm.outcome])).toEqual([
      ['web01', 'ok'],
      ['db01', 'skipped_has_snapshot'],
      ['oldvm', 'not_found'],
      ['app01', 'error_vmdk'],
      ['mail01', 'warn_independent_disks'],
    ]);
    const app01 = run?.vms[3];
    expect(app01?.disks.map((d) => [d.lastPercent, d.errorCode])).toEqual([
      [100, null],
      [41, 13],
    ]);
    expect(app01?.durationSeconds).toBe(1527);
  });

  it('splits one -l file into its runs and marks the killed one aborted', () => {
    const runs = parse('aborted-then-next-run.txt').runs;
    expect(runs.map((r) => [r.aborted, r.exitCode, r.vms[0]?.outcome])).toEqual([
      [true, null, 'unknown'],
      [false, 0, 'ok'],
      [true, null, 'unknown'],
    ]);
    expect(runs[0]?.vms[0]?.disks[0]?.lastPercent).toBe(57);
  });

  it('gives lock and early failures exit 1', () => {
    expect(parse('ref-5.9-lock-failure.txt').runs[0]).toMatchObject({ exitCode: 1, aborted: false, failure: { kind: 'lock' } });
    expect(parse('unsupported-version.txt').runs[0]).toMatchObject({ exitCode: 1, aborted: true, failure: { kind: 'unsupportedVersion' } });
    expect(parse('issues-121-97-nfs-mount.txt').runs[0]).toMatchObject({ exitCode: 1, failure: { kind: 'backupDirNotCreated' } });
  });

  it('keeps lines after LOG END with their run and unknown lines as they were', () => {
    expect(parse('issue-223-email-failure.txt').runs).toHaveLength(1);
    expect(parse('issue-223-email-failure.txt').runs[0]?.emailErrors).toHaveLength(1);
    const nfs = parse('issues-121-97-nfs-mount.txt').runs[0];
    expect(nfs?.unrecognized.map((u) => u.text)).toContain('Insufficient arguments.');
  });

  it('reads dryrun blocks as predictions', () => {
    const [run] = parse('readme-dryrun.txt').runs;
    expect(run?.dryrun).toBe(true);
    expect(run?.vms.map((vm) => vm.outcome)).toEqual(['ok', 'skipped_has_snapshot', 'warn_independent_disks']);
    expect(run?.vms[2]?.dryrun?.independentDisks).toEqual([{ name: 'vCloudConnector_1.vmdk', sizeGb: 40 }]);
  });
});

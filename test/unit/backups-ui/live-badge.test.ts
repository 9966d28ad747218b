import { describe, expect, it } from 'vitest';
import { cutOff, liveBadge } from '../../../renderer/features/backups/outcome.ts';
import { messages } from '../../../shared/i18n/backups-ui.ts';
import type { BackupRun, VmProgress } from '../../../shared/model/backup.ts';

const vm = (name: string, state: VmProgress['state']): VmProgress => ({ vm: name, state, disk: null, percent: state === 'cancelled' ? 41 : null, outcome: state === 'cancelled' ? 'cancelled' : null });

describe('the badge over a followed run’s bars', () => {
  it('says going while the copies go on', () => {
    expect(liveBadge({ done: null, vms: [vm('dc01', 'done'), vm('app', 'cloning')] }, null)).toEqual({ key: 'backups.ui.run.going', tone: 'info' });
  });

  it('says cancelling, not going, once a cancel from elsewhere has cut the bars off and its record is not in yet', () => {
    const badge = liveBadge({ done: null, vms: [vm('dc01', 'cancelled'), vm('app', 'cancelled')] }, null);
    expect(badge).toEqual({ key: 'backups.ui.run.cancelling', tone: 'warning' });
    expect(messages.en[badge.key as keyof typeof messages.en]).toBe('cancelling…');
    expect(messages.it[badge.key as keyof typeof messages.it]).toBe('annullamento in corso…');
  });

  it('then says how the run ended, from its record', () => {
    const run = { state: 'cancelled', outcomes: [], dryRun: false, exitCode: 143 } as unknown as BackupRun;
    expect(liveBadge({ done: { jobId: 'j', state: 'succeeded', result: run }, vms: [vm('dc01', 'cancelled')] }, run)).toEqual({ key: 'cli.backup.state.cancelled', tone: 'warning' });
  });

  it('or why following stopped', () => {
    expect(liveBadge({ done: { jobId: 'j', state: 'failed' }, vms: [] }, null)).toEqual({ key: 'backups.ui.run.job.failed', tone: 'danger' });
  });
});

describe('a run a cancel has cut off', () => {
  it('is one with a cancelled bar, whatever the others show', () => {
    expect(cutOff([vm('dc01', 'done'), vm('app', 'cancelled')])).toBe(true);
    expect(cutOff([vm('dc01', 'done'), vm('app', 'cloning'), vm('web', 'failed')])).toBe(false);
    expect(cutOff([])).toBe(false);
  });
});

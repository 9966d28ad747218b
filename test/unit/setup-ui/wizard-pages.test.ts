import { describe, expect, it } from 'vitest';
import { base64Of, choiceProblem, confKeys, initialChoices, pageOfError, pageState, planInput, resumePage, shownDays, shownExclude, timeProblem, toggled } from '../../../renderer/features/setup/wizard-pages.ts';
import type { SetupPlanView, SetupStepView } from '../../../shared/model/setup.ts';

const page = (name: SetupStepView['page'], status: SetupStepView['status']): SetupStepView => ({ page: name, status, found: { key: 'k', params: {} }, notes: [], stepIds: [], diff: null });
const view = (statuses: Array<SetupStepView['status']>, extra: Partial<SetupPlanView> = {}): SetupPlanView => ({
  host: 'esxi-20',
  nas: 'truenas',
  ip: '10.0.0.20',
  pages: (['share', 'mount', 'install', 'conf', 'schedule'] as const).map((p, i) => page(p, statuses[i]!)),
  plan: null,
  changes: statuses.filter((s) => s === 'change').length,
  summary: {},
  ...extra,
});

describe('the setup wizard’s checks on the page', () => {
  it('refuses a time that is none, with the code core uses, and takes HH:MM from 00:00 to 23:59 or nothing', () => {
    for (const bad of ['25:70', '24:00', '4:30', '04:60', '0430', 'quattro']) expect(timeProblem(bad), bad).toMatchObject({ code: 'setup.timeInvalid', details: { time: bad } });
    for (const good of ['00:00', '04:30', '23:59', '', '  ']) expect(timeProblem(good), good).toBeNull();
  });

  it('names the page of the first bad choice, before anything is asked of the machines', () => {
    expect(choiceProblem({ ...initialChoices('n'), time: '25:70' })).toMatchObject({ page: 'schedule', error: { code: 'setup.timeInvalid' } });
    expect(choiceProblem({ ...initialChoices('n'), rotation: '31', time: '25:70' })).toMatchObject({ page: 'conf', error: { code: 'setup.rotationInvalid' } });
    expect(choiceProblem({ ...initialChoices('n'), snapshots: true, snapshotValue: '0' })).toMatchObject({ page: 'share', error: { code: 'setup.lifetimeInvalid' } });
    expect(choiceProblem({ ...initialChoices('n'), snapshots: false, snapshotValue: '0', rotation: '30', time: '23:59' })).toBeNull();
  });

  it('shows each refusal core words on the page where it is mended, any other where it happened', () => {
    const err = (code: string) => ({ code, message: '' });
    expect(pageOfError(err('setup.noBackupsDataset'), 'host')).toBe('share');
    expect(pageOfError(err('setup.addressInOtherShare'), 'mount')).toBe('share');
    expect(pageOfError(err('setup.notGhettoVcb'), 'install')).toBe('install');
    expect(pageOfError(err('setup.ghettoVcbRefusesEsxi'), 'host')).toBe('install');
    expect(pageOfError(err('setup.datastoreFull'), 'host')).toBe('install');
    expect(pageOfError(err('setup.timeTaken'), 'conf')).toBe('schedule');
    expect(pageOfError(err('ssh.unreachable'), 'apply')).toBe('apply');
  });
});

describe('the setup wizard’s pages', () => {
  it('asks only for what the user chose: empty fields keep the host’s or the site’s defaults', () => {
    expect(planInput('h', initialChoices('n'), true)).toEqual({ hostId: 'h', nasId: 'n', nfsVersion: 'nfs41', draft: true });
    const chosen = { ...initialChoices('n'), dataset: ' tank/backups ', snapshots: true, snapshotValue: '2', rotation: '5', time: '05:30', schedule: 'nas' as const, nfsVersion: 'nfs3' as const, file: { name: 'ghettoVCB.sh', base64: 'IyE=', size: 2, sha256: 'x' } };
    expect(planInput('h', chosen, false)).toEqual({ hostId: 'h', nasId: 'n', nfsVersion: 'nfs3', dataset: 'tank/backups', snapshots: { value: 2, unit: 'WEEK' }, ghettovcbFile: { name: 'ghettoVCB.sh', base64: 'IyE=' }, rotation: 5, time: '05:30', schedule: 'nas' });
  });

  it('asks for the days ticked and the VMs excluded, and refuses no day at all on the schedule page', () => {
    const chosen = { ...initialChoices('n'), days: [5, 1, 3], exclude: ['aula files', "it's"] };
    expect(planInput('h', chosen, true)).toMatchObject({ days: [1, 3, 5], exclude: ['aula files', "it's"] });
    expect(planInput('h', { ...initialChoices('n'), exclude: [] }, true)).toMatchObject({ exclude: [] });
    expect(choiceProblem({ ...initialChoices('n'), days: [] })).toMatchObject({ page: 'schedule', error: { code: 'setup.daysInvalid' } });
    expect(choiceProblem({ ...initialChoices('n'), days: [1] })).toBeNull();
    expect(pageOfError({ code: 'setup.excludeUnmatchable', message: '' }, 'apply')).toBe('schedule');
    expect(pageOfError({ code: 'setup.excludeCatchesOther', message: '' }, 'apply')).toBe('schedule');
  });

  it('ticks the plan’s days and exclusions until the user changes them', () => {
    const v = { ...view(['done', 'done', 'done', 'done', 'done']), exclude: ['aula-files'] };
    expect(shownDays(initialChoices('n'), { ...v, summary: { days: 'mon-fri' } })).toEqual([1, 2, 3, 4, 5]);
    expect(shownDays(initialChoices('n'), { ...v, summary: { days: 'daily' } })).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(shownDays(initialChoices('n'), null)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(shownDays({ days: [6] }, v)).toEqual([6]);
    expect(shownExclude(initialChoices('n'), v)).toEqual(['aula-files']);
    expect(shownExclude({ exclude: [] }, v)).toEqual([]);
    expect(toggled([1, 3], 5, true)).toEqual([1, 3, 5]);
    expect(toggled([1, 3], 3, true)).toEqual([1, 3]);
    expect(toggled([1, 3], 1, false)).toEqual([3]);
  });

  it('says of each page whether it is done, changes, waits for a choice or was refused', () => {
    const v = view(['done', 'change', 'done', 'change', 'change'], { waiting: ['install'] });
    expect(pageState(v, 'share', null)).toBe('done');
    expect(pageState(v, 'mount', null)).toBe('change');
    expect(pageState(v, 'install', null)).toBe('waiting');
    expect(pageState(v, 'schedule', 'schedule')).toBe('refused');
    expect(pageState(v, 'apply', null)).toBe('none');
    expect(pageState(null, 'share', null)).toBe('none');
  });

  it('resumes where the user stopped, else at the first page left to do once some are done', () => {
    expect(resumePage(view(['change', 'change', 'change', 'change', 'change']), 'conf')).toBe('conf');
    expect(resumePage(view(['change', 'change', 'change', 'change', 'change']), 'host')).toBe('host');
    expect(resumePage(view(['done', 'done', 'change', 'change', 'change']), 'host')).toBe('install');
    expect(resumePage(view(['done', 'done', 'done', 'done', 'done']), 'host')).toBe('host');
    expect(resumePage(view(['done', 'done', 'done', 'done', 'done'], { waiting: ['install'] }), 'host')).toBe('install');
  });

  it('reads the keys a new conf adds from its diff, quotes removed', () => {
    expect(confKeys('+ # written by Custode\n+ VM_BACKUP_VOLUME=/vmfs/volumes/VM_backup_10.0.0.20\n- VM_BACKUP_ROTATION_COUNT="2"\n+ VM_BACKUP_ROTATION_COUNT=3')).toEqual([
      { key: 'VM_BACKUP_VOLUME', value: '/vmfs/volumes/VM_backup_10.0.0.20', change: 'added' },
      { key: 'VM_BACKUP_ROTATION_COUNT', value: '2', change: 'removed' },
      { key: 'VM_BACKUP_ROTATION_COUNT', value: '3', change: 'added' },
    ]);
    expect(confKeys(null)).toEqual([]);
  });

  it('encodes a picked file as base64 byte for byte, past the chunk size', () => {
    const bytes = new Uint8Array(0x8000 * 2 + 7).map((_, i) => (i * 31) % 256);
    expect(Buffer.from(base64Of(bytes), 'base64').equals(Buffer.from(bytes))).toBe(true);
  });
});

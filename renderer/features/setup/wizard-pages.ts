import type { ErrorData } from '../../../shared/errors/app-error.ts';
import type { SetupPlanInput } from '../../../shared/ipc/setup.ts';
import type { OperationPlan, PlanStep } from '../../../shared/model/operation.ts';
import type { SetupPage, SetupPlanView, SetupStepView } from '../../../shared/model/setup.ts';
import { EVERY_DAY, parseDays } from '../../../shared/model/week-days.ts';

/**
 * The setup wizard's pages and the pure rules between them: which page a refusal belongs to, where a wizard
 * opened again resumes, what the user's choices ask of `setup.plan`, and the checks made on the page before asking.
 */
export const WIZARD_PAGES = ['host', 'share', 'mount', 'install', 'conf', 'schedule', 'apply', 'dryRun', 'summary'] as const;
export type WizardPage = (typeof WIZARD_PAGES)[number];

export type LifetimeUnit = 'DAY' | 'WEEK' | 'MONTH';

/** What the user chose on the pages; empty text means "keep the host's, or the site's default". */
export interface SetupChoices {
  nasId: string;
  dataset: string;
  snapshots: boolean;
  snapshotValue: string;
  snapshotUnit: LifetimeUnit;
  nfsVersion: 'nfs41' | 'nfs3';
  file: { name: string; base64: string; size: number; sha256: string } | null;
  rotation: string;
  time: string;
  /** Days of the week (cron's numbers); null keeps the host's (every day for a new one). */
  days: number[] | null;
  /** VMs not to back up; null keeps the host's list. */
  exclude: string[] | null;
  schedule: 'auto' | 'host' | 'nas';
}

export function initialChoices(nasId: string): SetupChoices {
  return { nasId, dataset: '', snapshots: false, snapshotValue: '2', snapshotUnit: 'WEEK', nfsVersion: 'nfs41', file: null, rotation: '', time: '', days: null, exclude: null, schedule: 'auto' };
}

/** The refusals core words, each on the page where the user can mend it. */
const ERROR_PAGE: Record<string, WizardPage> = {
  'setup.noBackupsDataset': 'share',
  'setup.addressInOtherShare': 'share',
  'setup.shareDiffers': 'share',
  'setup.lifetimeInvalid': 'share',
  'setup.volumeTaken': 'mount',
  'setup.notGhettoVcb': 'install',
  'setup.ghettoVcbRefusesEsxi': 'install',
  'setup.ghettoVcbMissing': 'install',
  'setup.datastoreFull': 'install',
  'setup.fileUnreadable': 'install',
  'setup.uploadGone': 'install',
  'setup.rotationInvalid': 'conf',
  'setup.timeInvalid': 'schedule',
  'setup.timeTaken': 'schedule',
  'setup.daysInvalid': 'schedule',
  'setup.excludeEmpty': 'schedule',
  'setup.excludeMultiline': 'schedule',
  'setup.excludeUnmatchable': 'schedule',
  'setup.excludeCatchesOther': 'schedule',
  'setup.secureBootNoLocalSh': 'schedule',
  'setup.hostKeyUnknown': 'schedule',
  'setup.dryRunUnreadable': 'dryRun',
  'setup.notSetUp': 'dryRun',
};

/** The page a refusal is shown on: its own, else the page it happened on (a host that cannot be read, a run). */
export function pageOfError(error: ErrorData, current: WizardPage): WizardPage {
  return ERROR_PAGE[error.code] ?? current;
}

/** `04:30` passes; anything else is refused with the code core uses, so the page words it the same way. */
export function timeProblem(text: string): ErrorData | null {
  const t = text.trim();
  if (t === '') return null;
  const m = /^(\d{2}):(\d{2})$/.exec(t);
  if (m && Number(m[1]) <= 23 && Number(m[2]) <= 59) return null;
  return { code: 'setup.timeInvalid', message: `Not a time of day: ${t}`, details: { time: t } };
}

/** No day ticked: refused with core's code (core checks the days again). */
export function daysProblem(days: number[] | null): ErrorData | null {
  return days !== null && days.length === 0 ? { code: 'setup.daysInvalid', message: 'No day of the week ticked', details: { days: '(none)' } } : null;
}

/** The days the page's boxes show: those chosen, else the plan's (the host's own, or every day). */
export function shownDays(choices: Pick<SetupChoices, 'days'>, view: SetupPlanView | null): number[] {
  if (choices.days !== null) return choices.days;
  const text = view?.summary['days'];
  return typeof text === 'string' ? parseDays(text) : [...EVERY_DAY];
}

/** The VMs the page's boxes show ticked: those chosen, else the plan's (the host's exclusion file). */
export const shownExclude = (choices: Pick<SetupChoices, 'exclude'>, view: SetupPlanView | null): string[] => choices.exclude ?? view?.exclude ?? [];

/** `list` with `item` in or out, in `list`'s order. */
export const toggled = <T>(list: readonly T[], item: T, on: boolean): T[] => (on ? (list.includes(item) ? [...list] : [...list, item]) : list.filter((x) => x !== item));

export function rotationProblem(text: string): ErrorData | null {
  const t = text.trim();
  if (t === '' || (/^\d{1,2}$/.test(t) && Number(t) >= 1 && Number(t) <= 30)) return null;
  return { code: 'setup.rotationInvalid', message: `Keep from 1 to 30 copies per VM, not ${t}`, details: { rotation: t } };
}

export function lifetimeProblem(choices: Pick<SetupChoices, 'snapshots' | 'snapshotValue' | 'snapshotUnit'>): ErrorData | null {
  if (!choices.snapshots) return null;
  const t = choices.snapshotValue.trim();
  if (/^\d{1,3}$/.test(t) && Number(t) >= 1) return null;
  return { code: 'setup.lifetimeInvalid', message: `Not a snapshot lifetime: ${t}`, details: { lifetime: t } };
}

/** The first problem of the choices a page holds, checked before anything is asked of the machines. */
export function choiceProblem(choices: SetupChoices): { page: WizardPage; error: ErrorData } | null {
  const checks: Array<[WizardPage, ErrorData | null]> = [
    ['share', lifetimeProblem(choices)],
    ['conf', rotationProblem(choices.rotation)],
    ['schedule', timeProblem(choices.time)],
    ['schedule', daysProblem(choices.days)],
  ];
  const found = checks.find(([, e]) => e !== null);
  return found ? { page: found[0], error: found[1]! } : null;
}

/** The `setup.plan` input for the choices (call only once `choiceProblem` found none). */
export function planInput(hostId: string, choices: SetupChoices, draft: boolean): SetupPlanInput {
  return {
    hostId,
    nasId: choices.nasId,
    nfsVersion: choices.nfsVersion,
    ...(draft ? { draft: true } : {}),
    ...(choices.dataset.trim() !== '' ? { dataset: choices.dataset.trim() } : {}),
    ...(choices.snapshots ? { snapshots: { value: Number(choices.snapshotValue.trim()), unit: choices.snapshotUnit } } : {}),
    ...(choices.file ? { ghettovcbFile: { name: choices.file.name, base64: choices.file.base64 } } : {}),
    ...(choices.rotation.trim() !== '' ? { rotation: Number(choices.rotation.trim()) } : {}),
    ...(choices.time.trim() !== '' ? { time: choices.time.trim() } : {}),
    ...(choices.days !== null ? { days: [...choices.days].sort((a, b) => a - b) } : {}),
    ...(choices.exclude !== null ? { exclude: choices.exclude } : {}),
    ...(choices.schedule !== 'auto' ? { schedule: choices.schedule } : {}),
  };
}

/** A core page of the plan, or null for the wizard's own pages. */
export function corePage(page: WizardPage): SetupPage | null {
  return page === 'share' || page === 'mount' || page === 'install' || page === 'conf' || page === 'schedule' ? page : null;
}

export function pageView(view: SetupPlanView | null, page: WizardPage): SetupStepView | null {
  const name = corePage(page);
  return name === null ? null : (view?.pages.find((p) => p.page === name) ?? null);
}

/** The plan's steps that make one page's change, in plan order. */
export function pageSteps(plan: OperationPlan | null, page: SetupStepView | null): PlanStep[] {
  if (plan === null || page === null) return [];
  return plan.steps.filter((s) => page.stepIds.includes(s.id));
}

/**
 * How a page stands: already done, to change, waiting for a choice, or refused (its error is shown on it); `stale`:
 * the choices changed since core read the plan shown, which is then no longer what would run.
 */
export type PageState = 'done' | 'change' | 'waiting' | 'refused' | 'none' | 'stale';

export function pageState(view: SetupPlanView | null, page: WizardPage, refused: WizardPage | null): PageState {
  if (refused === page) return 'refused';
  const name = corePage(page);
  if (name === null || view === null) return 'none';
  if (view.waiting?.includes(name)) return 'waiting';
  return view.pages.find((p) => p.page === name)?.status ?? 'none';
}

/**
 * Where a wizard opened on a host resumes: the page where the user stopped in this session, else (Custode
 * restarted) the first page core still finds something to change on, once some are done.
 */
export function resumePage(view: SetupPlanView, stoppedAt: WizardPage): WizardPage {
  if (stoppedAt !== 'host') return stoppedAt;
  const open = view.pages.filter((p) => p.status === 'change' || view.waiting?.includes(p.page));
  // Nothing done yet (a bare host), or everything done (shown so on the first page): start at the start.
  if (open.length === 0 || open.length === view.pages.length) return 'host';
  return open[0]!.page;
}

/** The file's bytes as base64, without spreading a large array into one call. */
export function base64Of(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** The `KEY=value` lines a conf diff adds, for the form that explains each key. */
export function confKeys(diff: string | null): Array<{ key: string; value: string; change: 'added' | 'removed' }> {
  if (diff === null) return [];
  return diff.split('\n').flatMap((line) => {
    const m = /^([+-]) ([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    return m ? [{ key: m[2]!, value: m[3]!.replace(/^"(.*)"$/, '$1'), change: m[1] === '+' ? ('added' as const) : ('removed' as const) }] : [];
  });
}

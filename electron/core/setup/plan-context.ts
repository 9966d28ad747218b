import type { PlanStep, StepTarget, Words } from '../../../shared/model/operation.ts';
import type { SetupPage, SetupStepView } from '../../../shared/model/setup.ts';
import type { WeekDay } from '../../../shared/model/week-days.ts';
import type { ClockTime } from './request.ts';
import type { SetupState } from './setup-state.ts';
import type { SetupUploads } from './uploads.ts';

/** Everything a page's planner needs: the state read, the request resolved to values, where steps run. */
export interface PlanContext {
  state: SetupState;
  uploads: SetupUploads;
  now: number;
  host: StepTarget & { kind: 'host' };
  nas: StepTarget & { kind: 'host' };
  dataset: string;
  sharePath: string;
  volume: string;
  volumePath: string;
  nfsVersion: 'nfs41' | 'nfs3';
  time: ClockTime;
  days: WeekDay[];
  /** The VMs left out of the run (none: no `-e`). */
  exclude: string[];
  schedule: 'host' | 'nas';
  rotation: number;
  snapshots: { value: number; unit: 'DAY' | 'WEEK' | 'MONTH' } | null;
  ghettovcb: { name: string; bytes: Buffer } | null;
  draft: boolean;
}

export interface PagePlan {
  view: SetupStepView;
  steps: PlanStep[];
  /** A draft's page that needs the user's choice before anything can run (it has no steps yet). */
  waiting?: boolean;
}

export function page(name: SetupPage, found: Words, steps: PlanStep[], notes: Words[] = [], diff: string | null = null): PagePlan {
  return { view: { page: name, status: steps.length === 0 ? 'done' : 'change', found, notes, stepIds: steps.map((s) => s.id), diff }, steps };
}

/** A line diff for review: only the lines that differ, `-` old and `+` new, in file order. */
export function lineDiff(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const inB = new Set(b);
  const inA = new Set(a);
  return [...a.filter((l) => !inB.has(l)).map((l) => `- ${l}`), ...b.filter((l) => !inA.has(l)).map((l) => `+ ${l}`)].join('\n');
}

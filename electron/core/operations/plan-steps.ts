import type { Check, Danger, PlanStep, StepAction, StepTarget, UndoStep, Words } from '../../../shared/model/operation.ts';
import { midcltCommand } from '../nas/midclt.ts';
import type { ShellCommand } from '../shell/command.ts';

/**
 * The pieces plans are made of. Commands enter a plan only as ShellCommand values built by the shell-quoting
 * module (or midclt's builder, which uses it), so a plan can carry no hand-made command line.
 */
export const words = (key: string, params: Record<string, string | number> = {}): Words => ({ key, params });

export const shellAction = (command: ShellCommand): StepAction => ({ kind: 'shell', command: command.text });

export const midcltAction = (method: string, ...args: unknown[]): StepAction => ({ kind: 'midclt', method, args, command: midcltCommand(method, ...args).text });

/**
 * A change inside Custode (its database, its pins). `command` states it the way a person would type it, so the
 * review and the trail show it beside shell commands.
 */
export const localAction = (action: string, params: Record<string, unknown>, command: string): StepAction => ({ kind: 'local', action, params, command });

export const check = (key: string, params: Record<string, string | number>, action: StepAction): Check => ({ words: words(key, params), action });

export const hostTarget = (host: { id: string; name: string; address: string }): StepTarget => ({ kind: 'host', hostId: host.id, name: host.name, address: host.address });
export const WORKSTATION: StepTarget = { kind: 'workstation' };

interface StepSpec {
  id: string;
  target: StepTarget;
  words: Words;
  actions: StepAction[];
  checks?: Check[];
  effect?: Check | null;
  danger?: Danger | null;
}

export function undoStep(spec: StepSpec): UndoStep {
  return { id: spec.id, target: spec.target, words: spec.words, actions: spec.actions, checks: spec.checks ?? [], effect: spec.effect ?? null, danger: spec.danger ?? null };
}

/** A step with its undo planned now (null: it cannot be undone, and the review says so). */
export function step(spec: StepSpec & { undo: UndoStep[] | null }): PlanStep {
  return { ...undoStep(spec), undo: spec.undo };
}

/** "esxi-07 (10.0.0.7)", as the review and the trail name a machine. */
export function targetText(target: StepTarget): string {
  return target.kind === 'host' ? (target.name === target.address ? target.name : `${target.name} (${target.address})`) : 'workstation';
}

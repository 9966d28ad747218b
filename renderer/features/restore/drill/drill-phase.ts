import { DRILL_PHASES, type DrillPhase } from '../../../../shared/model/drill.ts';

export type PhaseState = 'done' | 'current' | 'waiting';

/**
 * Where a running drill stands from its job's last step: a `drill.phase.*` key names its phase; any other step (the
 * restore's own, or none yet) is the restore.
 */
export function drillPhase(stepKey: string | null): DrillPhase {
  const name = stepKey?.startsWith('drill.phase.') ? stepKey.slice('drill.phase.'.length) : null;
  return (DRILL_PHASES as readonly string[]).includes(name ?? '') ? (name as DrillPhase) : 'restore';
}

/** Each phase's state while the drill runs at `now`. */
export function phaseStates(now: DrillPhase): Record<DrillPhase, PhaseState> {
  const at = DRILL_PHASES.indexOf(now);
  return Object.fromEntries(DRILL_PHASES.map((p, i) => [p, i < at ? 'done' : i === at ? 'current' : 'waiting'])) as Record<DrillPhase, PhaseState>;
}

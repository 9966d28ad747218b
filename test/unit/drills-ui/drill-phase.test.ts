import { describe, expect, it } from 'vitest';
import { drillPhase, phaseStates } from '../../../renderer/features/restore/drill/drill-phase.ts';

describe('where a running drill stands', () => {
  it('a drill.phase step names its phase; the restore’s own steps, an unknown phase or none are the restore', () => {
    expect(drillPhase('drill.phase.tools')).toBe('tools');
    expect(drillPhase('drill.phase.teardown')).toBe('teardown');
    expect(drillPhase('restore.run.step.clone')).toBe('restore');
    expect(drillPhase('drill.phase.later')).toBe('restore');
    expect(drillPhase(null)).toBe('restore');
  });

  it('the phases before the current one are done, those after it wait', () => {
    expect(phaseStates('running')).toEqual({ restore: 'done', powerOn: 'done', running: 'current', tools: 'waiting', teardown: 'waiting' });
    expect(phaseStates('restore')).toEqual({ restore: 'current', powerOn: 'waiting', running: 'waiting', tools: 'waiting', teardown: 'waiting' });
  });
});

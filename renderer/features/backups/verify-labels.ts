import type { Verdict } from '../../../shared/model/backup.ts';
import type { HistoryRun, VmVerifyVerdict } from '../../../shared/model/backup-history.ts';
import type { BadgeTone } from '../../components/Badge.tsx';

/** A run's verification as one word and a tone: verified, copies with problems, no copy written, or not checked yet. */
export function runVerify(run: HistoryRun): { key: string; tone: BadgeTone } {
  if (run.verify === null) return { key: 'backup.verify.run.notYet', tone: 'neutral' };
  const tone: BadgeTone = run.verify.verdict === 'verified' ? 'success' : run.verify.verdict === 'problems' ? 'danger' : 'neutral';
  return { key: `backup.verify.run.${run.verify.verdict}`, tone };
}

export const vmVerifyTone = (verdict: VmVerifyVerdict): BadgeTone => (verdict === 'verified' ? 'success' : verdict === 'failed' ? 'danger' : 'neutral');

export const checkTone = (verdict: Verdict): BadgeTone => (verdict === 'go' ? 'success' : verdict === 'warn' ? 'warning' : 'danger');

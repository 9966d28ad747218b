import type { Finding } from '../../../shared/model/finding.ts';
import { FindingList } from './FindingList.tsx';

/** The row a table opens under an entry to show its findings in full. */
export function FindingDetailRow({ id, colSpan, findings, testId }: { id: string; colSpan: number; findings: Finding[]; testId?: string }) {
  return (
    <tr className="vm-detail" id={id}>
      <td colSpan={colSpan}>
        <FindingList findings={findings} {...(testId ? { testId } : {})} />
      </td>
    </tr>
  );
}

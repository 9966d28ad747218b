import { useTranslation } from 'react-i18next';
import type { HistoryCell } from '../../../shared/model/log-catalog.ts';

/** One VM's nights as a row of cells, oldest first; a cell with a run opens it. */
export function HistoryStrip({ vm, cells, runIds, days, onOpen }: { vm: string; cells: HistoryCell[]; runIds: number[]; days: string[]; onOpen(runId: number): void }) {
  const { t } = useTranslation();
  return (
    <div className="strip" role="list" aria-label={vm} style={{ ['--cells' as string]: cells.length }}>
      {cells.map((cell, i) => {
        const title = t('logs.ui.history.cell', { vm, day: days[i] ?? '', what: t(`logs.cell.${cell}`) });
        const runId = runIds[i] ?? 0;
        return runId > 0 ? (
          <button key={i} type="button" role="listitem" className={`cell cell-${cell}`} title={title} aria-label={title} data-cell={cell} onClick={() => onOpen(runId)} />
        ) : (
          <span key={i} role="listitem" className={`cell cell-${cell}`} title={title} aria-label={title} data-cell={cell} />
        );
      })}
    </div>
  );
}

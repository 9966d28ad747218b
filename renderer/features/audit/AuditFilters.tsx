import { useTranslation } from 'react-i18next';
import type { AuditFilter } from '../../../shared/ipc/audit.ts';
import { Button } from '../../components/Button.tsx';

const SUBJECTS = ['host.add', 'host.remove', 'trust.forget', 'trust', 'directories.create', 'undo'];
const OUTCOMES = ['succeeded', 'failed', 'refused', 'cancelled', 'unknown', 'trusted', 'rejected', 'changed', 'imported', 'removed'];

const dayStart = (value: string): number | undefined => (value ? new Date(`${value}T00:00:00`).getTime() : undefined);
const asDay = (at: number | undefined): string => (at === undefined ? '' : new Date(at - new Date(at).getTimezoneOffset() * 60_000).toISOString().slice(0, 10));

/** Machine, VM, kind, outcome, who, and a date range (the "to" day is included). */
export function AuditFilters({ filter, onChange }: { filter: AuditFilter; onChange(filter: AuditFilter): void }) {
  const { t } = useTranslation();
  const set = (patch: Partial<AuditFilter>) => {
    const next: Record<string, unknown> = { ...filter, ...patch };
    for (const [k, v] of Object.entries(next)) if (v === '' || v === undefined) delete next[k];
    onChange(next as AuditFilter);
  };
  const text = (key: 'host' | 'vm' | 'user', label: string) => (
    <label className="audit-filter">
      <span className="small muted">{label}</span>
      <input name={key} value={filter[key] ?? ''} onChange={(e) => set({ [key]: e.target.value })} />
    </label>
  );
  return (
    <fieldset className="audit-filters" aria-label={t('audit.ui.filters')}>
      {text('host', t('audit.ui.filter.host'))}
      {text('vm', t('audit.ui.filter.vm'))}
      <label className="audit-filter">
        <span className="small muted">{t('audit.ui.filter.kind')}</span>
        <select name="subject" value={filter.subject ?? ''} onChange={(e) => set({ subject: e.target.value })}>
          <option value="">{t('audit.ui.filter.any')}</option>
          {SUBJECTS.map((s) => (
            <option key={s} value={s}>
              {t(`audit.ui.subject.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="audit-filter">
        <span className="small muted">{t('audit.ui.filter.outcome')}</span>
        <select name="outcome" value={filter.outcome ?? ''} onChange={(e) => set({ outcome: e.target.value })}>
          <option value="">{t('audit.ui.filter.any')}</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`operations.outcome.${o}`)}
            </option>
          ))}
        </select>
      </label>
      {text('user', t('audit.ui.filter.user'))}
      <label className="audit-filter">
        <span className="small muted">{t('audit.ui.filter.since')}</span>
        <input type="date" name="since" value={asDay(filter.since)} onChange={(e) => set({ since: dayStart(e.target.value) })} />
      </label>
      <label className="audit-filter">
        <span className="small muted">{t('audit.ui.filter.until')}</span>
        <input
          type="date"
          name="until"
          value={asDay(filter.until === undefined ? undefined : filter.until - 86_400_000)}
          onChange={(e) => set({ until: e.target.value ? dayStart(e.target.value)! + 86_400_000 : undefined })}
        />
      </label>
      <Button variant="ghost" onClick={() => onChange({})}>
        {t('audit.ui.filter.clear')}
      </Button>
    </fieldset>
  );
}

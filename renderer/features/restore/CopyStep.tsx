import { useTranslation } from 'react-i18next';
import type { CopyListing, RestoreCopy } from '../../../shared/model/restore.ts';
import { Badge, type BadgeTone } from '../../components/Badge.tsx';
import { useSettings } from '../../stores/settings/store.ts';
import { ago, bytes, dateTime } from '../fleet/format.ts';

const TONE: Record<RestoreCopy['status'], BadgeTone> = { ok: 'success', warn: 'warning', error: 'danger', unknown: 'warning' };

/**
 * The VM's copies, newest first, with their time, age, size and STATUS. A copy that is not marked complete is
 * chosen only with the override, whose words say what may be missing.
 */
export function CopyStep({ listing, chosen, override, now, onChoose, onOverride }: { listing: CopyListing; chosen: string | null; override: boolean; now: number; onChoose(folder: string): void; onOverride(on: boolean): void }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.settings?.language ?? 'en');
  const copy = listing.copies.find((c) => c.folder === chosen) ?? null;
  return (
    <div className="stack-sm" data-testid="restore-step-copy">
      <p>
        {t('restore.ui.copy.intro', { vm: listing.vm, host: listing.sourceHost })}{' '}
        <span className="muted">{listing.asOfProbe !== null ? t('restore.ui.copy.asOfProbe', { when: dateTime(lang, listing.asOfProbe) }) : listing.readBy !== null ? t('restore.ui.copy.readBy', { reader: listing.readBy }) : null}</span>
      </p>
      {listing.copies.length === 0 ? <p className="muted">{t('restore.ui.copy.none')}</p> : null}
      <table className="table restore-table" hidden={listing.copies.length === 0}>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{t('restore.ui.vm.pick')}</span>
            </th>
            <th scope="col">{t('restore.ui.copy.colWhen')}</th>
            <th scope="col">{t('restore.ui.copy.colAge')}</th>
            <th scope="col" className="align-end">
              {t('restore.ui.copy.colSize')}
            </th>
            <th scope="col">{t('restore.ui.copy.colStatus')}</th>
            <th scope="col">{t('restore.ui.copy.colFolder')}</th>
          </tr>
        </thead>
        <tbody>
          {listing.copies.map((c) => (
            <tr key={c.folder} data-testid="restore-copy" data-folder={c.folder} data-status={c.status} className={c.folder === chosen ? 'selected' : undefined}>
              <td>
                <input type="radio" name="restore-copy" aria-label={c.folder} checked={c.folder === chosen} onChange={() => onChoose(c.folder)} />
              </td>
              <td className="nowrap">{dateTime(lang, c.takenAt)}</td>
              <td className="nowrap">{ago(lang, now - c.ageMs, now)}</td>
              <td className="align-end nowrap">{bytes(lang, c.sizeBytes)}</td>
              <td>
                <Badge tone={TONE[c.status]}>{t(`restore.ui.copy.status.${c.status}`)}</Badge>
                {c.compressed ? <span className="muted small"> {t('restore.ui.copy.compressed')}</span> : null}
              </td>
              <td className="restore-path">{c.folder}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {copy?.overrideNeeded ? (
        <div className="restore-override" data-testid="restore-override">
          <p className="muted">{t('restore.ui.copy.overrideNeeded')}</p>
          <label>
            <input type="checkbox" checked={override} onChange={(e) => onOverride(e.target.checked)} />{' '}
            {t('restore.ui.copy.override', { what: t(copy.overrideNeeded) })}
          </label>
        </div>
      ) : null}
    </div>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button.tsx';
import { PageFacts, Refusal } from './PageFacts.tsx';
import type { FormPageProps } from './page-props.ts';
import { pickedFile, type PickedFile } from './picked-file.ts';
import { pageView } from './wizard-pages.ts';

/**
 * Page d: the ghettoVCB found is kept, or a ghettoVCB.sh picked on this computer is sent: its name, size and
 * SHA-256 shown at once, its version and whitelist checked by core against the host's ESXi when planned. The file is
 * read here in the page (the browser host gives no path; Electron's picker the same way), so it works in both.
 */
export function InstallStep({ view, state, refusal, choices, onPick }: FormPageProps & { onPick(file: PickedFile | null): void }) {
  const { t } = useTranslation();
  const [reading, setReading] = useState(false);
  const installed = view?.summary.script ?? null;
  return (
    <div className="stack-sm" data-testid="setup-page-install">
      <p className="muted">{t('setup.ui.install.intro', { path: installed ?? '…' })}</p>
      <div className="setup-form">
        <div className="setup-field">
          <span>{t('setup.ui.install.pick')}</span>
          {/* The native picker's own words are in the browser's language, not the app's: it is hidden behind a label. */}
          <label className="setup-file">
            <input
              type="file"
              name="ghettovcb"
              accept=".sh,text/x-sh,text/plain"
              disabled={reading}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (!file) return;
                setReading(true);
                void pickedFile(file)
                  .then(onPick)
                  .finally(() => setReading(false));
              }}
            />
            <span className="btn btn-secondary">{t('setup.ui.install.choose')}</span>
            <span className="muted small">{choices.file?.name ?? t('setup.ui.install.noFile')}</span>
          </label>
          <span className="muted small">{t('setup.ui.install.pickHint')}</span>
        </div>
        {choices.file ? (
          <div className="setup-field" data-testid="setup-picked">
            <span>{t('setup.ui.install.picked')}</span>
            <span className="mono">{choices.file.name}</span>
            <span className="muted small">{t('setup.ui.install.size', { size: choices.file.size })}</span>
            <span className="mono small" data-testid="setup-picked-sha">
              SHA-256 {choices.file.sha256}
            </span>
            {view && state !== 'refused' ? (
              <span className="setup-ok" data-testid="setup-whitelist">
                ✓ {t('setup.ui.install.whitelist', { esxi: String(view.summary.esxi ?? '?') })}
              </span>
            ) : null}
            <div>
              <Button variant="ghost" onClick={() => onPick(null)}>
                {t('setup.ui.install.keepFound')}
              </Button>
            </div>
          </div>
        ) : null}
      </div>
      {refusal ? <Refusal error={refusal} /> : null}
      <PageFacts page={pageView(view, 'install')} plan={view?.plan ?? null} state={state} />
    </div>
  );
}

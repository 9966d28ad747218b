import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/ipc/contract.ts';
import type { OperationPlan } from '../../../shared/model/operation.ts';
import { Button } from '../../components/Button.tsx';
import { CallError, client } from '../../app/client.ts';
import { errorText } from '../../i18n/error-text.ts';
import { useToasts } from '../../stores/toasts/store.ts';
import { PlanReview } from '../operations/PlanReview.tsx';
import { ImportKnownHostsDialog } from './ImportKnownHostsDialog.tsx';
import '../operations/operations.css';

type Pin = MethodOutput<'ssh.trust.pins'>[number];

/** The pinned host keys, each forgettable through a reviewed operation, and a known_hosts import. */
export function TrustCard() {
  const { t } = useTranslation();
  const [pins, setPins] = useState<Pin[]>([]);
  const [plan, setPlan] = useState<OperationPlan | null>(null);
  const [importing, setImporting] = useState(false);
  const load = useCallback(() => void client().call('ssh.trust.pins', {}).then(setPins, () => undefined), []);
  useEffect(() => {
    load();
    return client().on('audit:appended', load);
  }, [load]);

  const forget = (pin: Pin) =>
    void client()
      .call('operations.plan', { kind: 'trust.forget', host: pin.host, port: pin.port })
      .then(setPlan, (e: unknown) => useToasts.getState().push('danger', (now) => (e instanceof CallError ? errorText(now, e.data) : String(e))));
  const hosts = [...new Map(pins.map((p) => [`${p.host}:${p.port}`, p])).values()];

  return (
    <section className="card" aria-labelledby="trust-title" data-testid="trust-card">
      <div className="card-head">
        <div>
          <h2 id="trust-title">{t('trust.ui.title')}</h2>
          <p className="muted">{t('trust.ui.intro')}</p>
        </div>
        <Button onClick={() => setImporting(true)}>{t('trust.ui.import')}</Button>
      </div>
      {pins.length === 0 ? (
        <p className="muted">{t('trust.ui.empty')}</p>
      ) : (
        <table className="table" data-testid="pins-table">
          <thead>
            <tr>
              {['host', 'keyType', 'fingerprint', 'source', 'pinnedAt'].map((c) => (
                <th key={c} scope="col">
                  {t(`trust.ui.col.${c}`)}
                </th>
              ))}
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {pins.map((p) => {
              const firstOfHost = hosts.find((h) => h.host === p.host && h.port === p.port) === p;
              return (
                <tr key={`${p.host}:${p.port}:${p.keyType}`} data-testid="pin-row" data-host={`${p.host}:${p.port}`}>
                  <td className="mono pin-host">
                    {p.host}:{p.port}
                  </td>
                  <td>{p.keyType}</td>
                  <td className="mono">{p.fingerprint}</td>
                  <td>{t(`trust.ui.source.${p.source}`)}</td>
                  <td>{new Date(p.pinnedAt).toLocaleDateString()}</td>
                  <td className="align-end">
                    {firstOfHost ? (
                      <Button variant="danger" onClick={() => forget(p)}>
                        {t('trust.ui.forget')}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {plan ? (
        <PlanReview
          plan={plan}
          onClose={() => {
            setPlan(null);
            load();
          }}
        />
      ) : null}
      {importing ? (
        <ImportKnownHostsDialog
          onClose={() => {
            setImporting(false);
            load();
          }}
        />
      ) : null}
    </section>
  );
}

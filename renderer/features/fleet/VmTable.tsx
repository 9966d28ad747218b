import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { VmRow } from '../../../shared/ipc/fleet.ts';
import { Badge } from '../../components/Badge.tsx';
import { FindingDetailRow } from './FindingDetailRow.tsx';
import { ago, bytes, dateTime } from './format.ts';
import { FindingBadges } from './FindingBadges.tsx';
import { outcomeTone } from './labels.ts';
import { useOpenRows } from './use-open-rows.ts';

const COLUMNS = ['vm', 'power', 'lastGood', 'copies', 'outcome', 'tonight', 'size'] as const;

/**
 * What stops tonight's run of a VM. Only a host that answered can say "nothing blocks it": for one that did not,
 * the answer is unknown, with the age of what was last known.
 */
export function Tonight({ vm, facts, knownAt, now, expanded, controls, onToggle }: {
  vm: VmRow;
  facts: 'current' | 'lastKnown' | 'never';
  knownAt: number | null;
  now: number;
  expanded: boolean;
  controls: string;
  onToggle(): void;
}) {
  const { t, i18n } = useTranslation();
  const lastKnown = facts === 'lastKnown' ? (
    <span className="tonight-unknown small" data-testid="vm-last-known">
      {knownAt ? t('fleet.ui.tonight.lastKnown', { age: ago(i18n.language, knownAt, now) }) : t('fleet.ui.tonight.unknown')}
    </span>
  ) : null;
  if (vm.blockers.length === 0) {
    if (facts === 'current') return <span className="tonight-clear">{t('fleet.ui.tonight.clear')}</span>;
    return lastKnown ?? <span className="muted small">{t('fleet.ui.tonight.notChecked')}</span>;
  }
  return (
    <>
      <FindingBadges findings={vm.blockers} expanded={expanded} controls={controls} fallback="fleet.ui.blocker" onToggle={onToggle} />
      {lastKnown}
    </>
  );
}

/**
 * One host's VMs, Veeam-style: the last good copy and its age, copies against the rotation, the last verdict and
 * what will stop tonight's run. A blocker's badge opens a row with its full text (what is wrong, what to do).
 */
export function VmTable({ hostId, hostName, vms, now, facts, knownAt }: {
  hostId: string;
  hostName: string;
  vms: VmRow[];
  now: number;
  /** `lastKnown`: the host did not answer its last check, so nothing here is current. */
  facts: 'current' | 'lastKnown' | 'never';
  knownAt: number | null;
}) {
  const { t, i18n } = useTranslation();
  const rows = useOpenRows();
  return (
    <div className="vm-table-wrap">
      <table className="table vm-table">
        <caption className="visually-hidden">{t('fleet.ui.vm.caption', { host: hostName })}</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className={`col-${c}${c === 'size' ? ' align-end' : ''}`}>
                {t(`fleet.ui.col.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {vms.map((vm) => {
            const expanded = rows.isOpen(vm.vmid);
            const detailId = `vm-detail-${hostId}-${vm.vmid}`;
            const full = vm.rotation !== null && vm.copies.length >= vm.rotation;
            return (
              <Fragment key={vm.vmid}>
                <tr className={`vm-row${expanded ? ' vm-row-open' : ''}`} data-testid="vm-row" data-vm={vm.name}>
                  <th scope="row" className="col-vm">
                    <span className="vm-name">{vm.name}</span>
                    {vm.datastore ? <span className="vm-datastore muted small">{vm.datastore}</span> : null}
                  </th>
                  <td className="col-power">
                    <span className={`power power-${vm.powerState ?? 'unknown'}`}>{t(`fleet.ui.power.${vm.powerState ?? 'unknown'}`)}</span>
                  </td>
                  <td className="col-lastGood" data-testid="vm-last-good">
                    {vm.lastGood ? (
                      <>
                        <span>{dateTime(i18n.language, vm.lastGood.at)}</span>
                        <span className="muted small vm-age">{ago(i18n.language, vm.lastGood.at, now)}</span>
                      </>
                    ) : (
                      <Badge tone="danger">{t('fleet.ui.noCopy')}</Badge>
                    )}
                  </td>
                  <td className="col-copies" data-testid="vm-copies">
                    <span
                      className={`copies copies-${vm.rotation === null ? 'unknown' : full ? 'full' : 'short'}`}
                      title={
                        vm.rotation === null
                          ? t('fleet.ui.copies.titleNoRotation', { count: vm.copies.length })
                          : t('fleet.ui.copies.title', { count: vm.copies.length, rotation: vm.rotation })
                      }
                    >
                      {vm.rotation === null ? vm.copies.length : `${vm.copies.length}/${vm.rotation}`}
                    </span>
                  </td>
                  <td className="col-outcome" data-testid="vm-outcome">
                    {vm.lastOutcome ? (
                      <Badge tone={outcomeTone[vm.lastOutcome]}>{t(`ghettovcb.outcome.${vm.lastOutcome}.label`)}</Badge>
                    ) : (
                      <span className="muted small">{t('fleet.ui.outcome.none')}</span>
                    )}
                  </td>
                  <td className="col-tonight" data-testid="vm-tonight" data-facts={facts}>
                    <Tonight vm={vm} facts={facts} knownAt={knownAt} now={now} expanded={expanded} controls={detailId} onToggle={() => rows.toggle(vm.vmid)} />
                  </td>
                  <td className="col-size align-end">{vm.sizeBytes === null ? '—' : bytes(i18n.language, vm.sizeBytes)}</td>
                </tr>
                {expanded ? (
                  <FindingDetailRow id={detailId} colSpan={COLUMNS.length} findings={vm.blockers} testId="vm-blocker-text" />
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

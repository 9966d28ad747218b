import { useTranslation } from 'react-i18next';

export interface VmChoice {
  whole: boolean;
  chosen: string[];
}

/** Whole host (ghettoVCB's `-a`) or chosen VMs, with what the pre-flight said about each VM beside its name. */
export function VmPicker({ vms, flagged, value, onChange, disabled }: { vms: string[]; flagged: Map<string, string>; value: VmChoice; onChange(v: VmChoice): void; disabled: boolean }) {
  const { t } = useTranslation();
  const toggle = (vm: string, on: boolean) => onChange({ whole: false, chosen: on ? [...value.chosen, vm] : value.chosen.filter((v) => v !== vm) });
  return (
    <fieldset className="vm-picker" data-testid="vm-picker" disabled={disabled}>
      <legend>{t('backups.ui.dialog.which')}</legend>
      <label className="vm-picker-option">
        <input type="radio" name="vm-scope" checked={value.whole} onChange={() => onChange({ ...value, whole: true })} />
        {t('backups.ui.dialog.wholeHost', { count: vms.length })}
      </label>
      <label className="vm-picker-option">
        <input type="radio" name="vm-scope" checked={!value.whole} onChange={() => onChange({ ...value, whole: false })} />
        {t('backups.ui.dialog.chosenVms')}
      </label>
      <ul className="vm-picker-list" aria-label={t('backups.ui.dialog.chosenVms')}>
        {vms.map((vm) => (
          <li key={vm}>
            <label>
              <input type="checkbox" disabled={value.whole} checked={value.whole || value.chosen.includes(vm)} onChange={(e) => toggle(vm, e.target.checked)} />
              <span>{vm}</span>
              {flagged.has(vm) ? <span className="muted small"> — {flagged.get(vm)}</span> : null}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

import { useTranslation } from 'react-i18next';
import type { HostEntry } from '../../../shared/ipc/fleet.ts';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';

/** Removing a machine from Custode only forgets it here; the dialog says so before anything happens. */
export function RemoveHostDialog({ host, onConfirm, onClose }: { host: HostEntry; onConfirm(): void; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      open
      title={t('fleet.ui.removeDialog.title', { name: host.name })}
      onClose={onClose}
      actions={
        <>
          <Button onClick={onClose}>{t('fleet.ui.add.cancel')}</Button>
          <Button variant="danger" onClick={onConfirm}>
            {t('fleet.ui.removeDialog.confirm')}
          </Button>
        </>
      }
    >
      <p>{t('fleet.ui.removeDialog.body')}</p>
    </Dialog>
  );
}

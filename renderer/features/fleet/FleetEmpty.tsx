import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Icon } from '../../components/icons.tsx';

const STEPS = ['fleet.empty.step1', 'fleet.empty.step2', 'fleet.empty.step3'];

/** No machine yet: the first steps, with the two buttons that start them. */
export function FleetEmpty({ onAddNas, onAddEsxi }: { onAddNas(): void; onAddEsxi(): void }) {
  const { t } = useTranslation();
  return (
    <EmptyState icon={<Icon name="fleet" size={40} />} title={t('fleet.empty.title')} body={t('fleet.empty.body')}>
      <div className="first-steps">
        <h3>{t('empty.firstSteps')}</h3>
        <ol>
          {STEPS.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ol>
        <div className="fleet-empty-actions">
          <Button variant="primary" onClick={onAddNas}>
            {t('fleet.ui.addNas')}
          </Button>
          <Button onClick={onAddEsxi}>{t('fleet.ui.addEsxi')}</Button>
        </div>
      </div>
    </EmptyState>
  );
}

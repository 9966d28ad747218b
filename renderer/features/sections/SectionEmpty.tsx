import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Icon, type IconName } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useApp } from '../../stores/app/store.ts';

/** A section that has nothing to show yet says why, and sends the user to the fleet, where setup starts. */
export function SectionEmpty({ section }: { section: 'restore' | 'logs' | 'audit' }) {
  const { t } = useTranslation();
  const go = useApp((s) => s.go);
  return (
    <>
      <PageHeader title={t(`${section}.title`)} subtitle={t(`${section}.subtitle`)} />
      <EmptyState icon={<Icon name={section as IconName} size={40} />} title={t(`${section}.empty.title`)} body={t(`${section}.empty.body`)}>
        <Button variant="primary" onClick={() => go('fleet')}>
          {t('empty.goToFleet')}
        </Button>
      </EmptyState>
    </>
  );
}

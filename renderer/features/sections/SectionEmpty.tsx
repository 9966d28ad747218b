import { Trans, useTranslation } from 'react-i18next';
import { Button } from '../../components/Button.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Icon, type IconName } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useApp } from '../../stores/app/store.ts';

/** A section that has nothing to show yet says why, and what to do first. */
export function SectionEmpty({ section, steps = [] }: { section: 'fleet' | 'backups' | 'restore' | 'logs' | 'audit'; steps?: string[] }) {
  const { t } = useTranslation();
  const go = useApp((s) => s.go);
  return (
    <>
      <PageHeader title={t(`${section}.title`)} subtitle={t(`${section}.subtitle`)} />
      <EmptyState icon={<Icon name={section as IconName} size={40} />} title={t(`${section}.empty.title`)} body={t(`${section}.empty.body`)}>
        {steps.length > 0 ? (
          <div className="first-steps">
            <h3>{t('empty.firstSteps')}</h3>
            <ol>
              {steps.map((key) => (
                <li key={key}>{t(key)}</li>
              ))}
            </ol>
            <p className="hint">
              <Trans i18nKey="empty.tryLab" values={{ command: 'npm run lab -- up --topology seed' }} components={{ code: <code /> }} />
            </p>
          </div>
        ) : (
          <Button variant="primary" onClick={() => go('fleet')}>
            {t('empty.goToFleet')}
          </Button>
        )}
      </EmptyState>
    </>
  );
}

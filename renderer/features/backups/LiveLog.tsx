import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** How close to the bottom counts as "following": the view then keeps up with new lines, else stays where it was read. */
const FOLLOW_PX = 24;

/** The run's raw log as ghettoVCB writes it, appended live; scrolled with the keyboard once focused. */
export function LiveLog({ lines, note }: { lines: string[]; note: string | null }) {
  const { t } = useTranslation();
  const box = useRef<HTMLPreElement>(null);
  const following = useRef(true);
  useLayoutEffect(() => {
    const el = box.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [lines]);
  return (
    <section className="backup-log-pane" aria-labelledby="backup-log-title">
      <h3 id="backup-log-title">{t('backups.ui.run.log')}</h3>
      {note ? <p className="muted small">{note}</p> : null}
      <pre
        ref={box}
        className="backup-log"
        data-testid="backup-log"
        tabIndex={0}
        role="log"
        aria-label={t('backups.ui.run.log')}
        onScroll={(e) => {
          const el = e.currentTarget;
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight < FOLLOW_PX;
        }}
      >
        {lines.length === 0 ? <span className="muted">{t('backups.ui.run.logEmpty')}</span> : lines.join('\n')}
      </pre>
    </section>
  );
}

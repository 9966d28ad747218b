import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../../app/client.ts';

const MAX = 2000;

/** The lines about one VM (from its first line to the next VM's), numbered; a line opens the raw view there. */
export function VmLines({ fileId, vm, range, onLine }: { fileId: number; vm: string; range: { from: number; to: number }; onLine(line: number): void }) {
  const { t } = useTranslation();
  const [lines, setLines] = useState<string[] | null>(null);
  useEffect(() => {
    let live = true;
    setLines(null);
    void client()
      .call('logs.lines', { fileId, from: range.from, count: Math.min(MAX, range.to - range.from + 1) })
      .then((page) => live && setLines(page.lines));
    return () => {
      live = false;
    };
  }, [fileId, range.from, range.to]);
  return (
    <section className="vm-lines" aria-label={t('logs.ui.run.vmLines', { vm })} data-testid="vm-lines">
      <h3>{t('logs.ui.run.vmLines', { vm })}</h3>
      <ol className="vm-lines-list">
        {(lines ?? []).map((text, i) => (
          <li key={i}>
            <button type="button" className="line-button" onClick={() => onLine(range.from + i)}>
              <span className="raw-no">{range.from + i}</span>
              <span className="raw-text">{text}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

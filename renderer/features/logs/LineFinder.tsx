import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../../app/client.ts';
import { Button } from '../../components/Button.tsx';

/** Find in the whole log, with next and previous; each match scrolls the raw view to its line. */
export function LineFinder({ fileId, onLine }: { fileId: number; onLine(line: number): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [found, setFound] = useState<{ text: string; lines: number[]; at: number } | null>(null);
  const step = async (delta: 1 | -1): Promise<void> => {
    let current = found;
    if (current === null || current.text !== text) {
      if (text.trim() === '') return;
      current = { text, lines: await client().call('logs.find', { fileId, text }), at: delta === 1 ? -1 : 0 };
    }
    if (current.lines.length === 0) {
      setFound(current);
      return;
    }
    const at = (current.at + delta + current.lines.length) % current.lines.length;
    setFound({ ...current, at });
    onLine(current.lines[at]!);
  };
  return (
    <form
      className="finder"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        void step(1);
      }}
    >
      <input type="search" aria-label={t('logs.ui.run.find')} placeholder={t('logs.ui.run.find')} value={text} onChange={(e) => setText(e.target.value)} />
      <Button onClick={() => void step(-1)}>{t('logs.ui.run.findPrev')}</Button>
      <Button type="submit">{t('logs.ui.run.findNext')}</Button>
      {found !== null && found.text === text ? (
        <span className="muted small" aria-live="polite">
          {found.lines.length === 0 ? t('logs.ui.run.findNone') : t('logs.ui.run.findCount', { at: found.at + 1, count: found.lines.length })}
        </span>
      ) : null}
    </form>
  );
}

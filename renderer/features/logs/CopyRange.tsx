import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../../app/client.ts';
import { Button } from '../../components/Button.tsx';
import { useToasts } from '../../stores/toasts/store.ts';

/** Copies a range of lines, exactly as the catalog shows them, to the clipboard. */
export function CopyRange({ fileId, lineCount, initial }: { fileId: number; lineCount: number; initial: { from: number; to: number } }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const copy = async (): Promise<void> => {
    const a = Math.max(1, Math.min(from, to));
    const b = Math.min(lineCount, Math.max(from, to));
    const lines: string[] = [];
    for (let at = a; at <= b; at += 5000) lines.push(...(await client().call('logs.lines', { fileId, from: at, count: Math.min(5000, b - at + 1) })).lines);
    await navigator.clipboard.writeText(`${lines.join('\n')}\n`);
    useToasts.getState().push('success', (now) => now('logs.ui.run.copied', { count: lines.length }));
  };
  const field = (value: number, set: (n: number) => void, label: string) => (
    <label>
      {label}
      <input type="number" min={1} max={lineCount} value={value} onChange={(e) => set(Number(e.target.value))} />
    </label>
  );
  return (
    <div className="copy-range">
      {field(from, setFrom, t('logs.ui.run.copyFrom'))}
      {field(to, setTo, t('logs.ui.run.copyTo'))}
      <Button onClick={() => void copy()}>{t('logs.ui.run.copy')}</Button>
    </div>
  );
}

import type { Toast } from '../stores/toasts/store.ts';

export function Toasts({ toasts, onDismiss, dismissLabel }: { toasts: Toast[]; onDismiss(id: number): void; dismissLabel: string }) {
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`}>
          <span>{t.text}</span>
          <button type="button" className="toast-close" aria-label={dismissLabel} onClick={() => onDismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

import type { TFunction } from 'i18next';
import type { Toast } from '../stores/toasts/store.ts';

export function Toasts({ toasts, onDismiss, t }: { toasts: Toast[]; onDismiss(id: number): void; t: TFunction }) {
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`}>
          <span>{toast.text(t)}</span>
          <button type="button" className="toast-close" aria-label={t('common.dismiss')} onClick={() => onDismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

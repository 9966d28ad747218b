import type { ReactNode } from 'react';

export function EmptyState({ icon, title, body, children }: { icon: ReactNode; title: string; body: string; children?: ReactNode }) {
  return (
    <section className="empty">
      <div className="empty-icon" aria-hidden="true">{icon}</div>
      <h2 className="empty-title">{title}</h2>
      <p className="empty-body">{body}</p>
      {children}
    </section>
  );
}

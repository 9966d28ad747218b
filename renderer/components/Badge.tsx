import type { ReactNode } from 'react';
import type { BadgeTone } from './badge-tone.ts';

export type { BadgeTone };

export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

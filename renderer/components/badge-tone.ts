/** A badge's colour by meaning; apart from Badge.tsx so that plain modules (and their Node tests) can name it. */
export type BadgeTone = 'neutral' | 'success' | 'warning' | 'danger' | 'info';

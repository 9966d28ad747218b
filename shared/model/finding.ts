import { z } from 'zod';

/**
 * Something a check noticed, as data. `code` is the i18n key of its text (shared/i18n/esxi.ts), filled with
 * `params`; the text says what is wrong and what to do, so the UI never builds sentences from fields.
 */
export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

export const Finding = z.object({
  code: z.string().min(1),
  severity: Severity,
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
export type Finding = z.infer<typeof Finding>;

export function finding(code: string, severity: Severity, params: Finding['params'] = {}): Finding {
  return { code, severity, params };
}

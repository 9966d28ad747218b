import { z } from 'zod';

/** The workstation self-check: each item says what was checked and what to do when it fails. */
export const DiagnosticId = z.enum(['runtime', 'dataDir', 'sqlite', 'fts5', 'sshCrypto', 'secretStore']);
export type DiagnosticId = z.infer<typeof DiagnosticId>;

export const DiagnosticItem = z.object({
  id: DiagnosticId,
  status: z.enum(['ok', 'warn', 'fail']),
  /** Facts to show beside the result (versions, paths); never translated. */
  detail: z.string(),
});
export type DiagnosticItem = z.infer<typeof DiagnosticItem>;

export const DiagnosticsReport = z.object({ items: z.array(DiagnosticItem) });
export type DiagnosticsReport = z.infer<typeof DiagnosticsReport>;

import { z } from 'zod';

/** Long work is a job: a start call returns a JobRef, the rest arrives as events. */
export const JobRef = z.object({ jobId: z.string() });
export type JobRef = z.infer<typeof JobRef>;

export const JobState = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobState>;

export const JobSummary = z.object({
  jobId: z.string(),
  kind: z.string(),
  title: z.string(),
  state: JobState,
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  /** 0..1, or null while the amount of work is unknown. */
  fraction: z.number().min(0).max(1).nullable(),
  step: z.string().nullable(),
});
export type JobSummary = z.infer<typeof JobSummary>;

export const JobProgress = z.object({
  jobId: z.string(),
  fraction: z.number().min(0).max(1).nullable(),
  step: z.string().nullable(),
  /** i18n key and values, so the UI can word the step in its language. */
  stepKey: z.string().nullable(),
  stepParams: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const JobLog = z.object({
  jobId: z.string(),
  at: z.number(),
  level: z.enum(['info', 'warn', 'error']),
  text: z.string(),
});
export type JobLog = z.infer<typeof JobLog>;

export const ErrorDataSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const JobDone = z.object({
  jobId: z.string(),
  state: z.enum(['succeeded', 'failed', 'cancelled']),
  result: z.unknown().optional(),
  error: ErrorDataSchema.optional(),
});
export type JobDone = z.infer<typeof JobDone>;

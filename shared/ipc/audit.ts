import { z } from 'zod';
import { Words } from '../model/operation.ts';

/** The audit trail: who changed what, where, why, with which commands and outcome. Append-only and hash-chained. */

export const AuditKind = z.enum(['operation.start', 'operation.step', 'operation.end', 'operation.refused', 'operation.recheck', 'trust']);
export type AuditKind = z.infer<typeof AuditKind>;

export const AuditEntry = z.object({
  /** 1, 2, 3…: a gap means an entry was deleted. */
  seq: z.number().int().min(1),
  id: z.string(),
  at: z.number(),
  /** The OS user and workstation that made the change. */
  user: z.string(),
  workstation: z.string(),
  kind: AuditKind,
  /** The operation this entry belongs to (null for a trust decision made outside one). */
  operationId: z.string().nullable(),
  /** What was done, e.g. `host.add`, `trust.trusted`. */
  subject: z.string(),
  title: Words,
  /** The machine(s) acted on, as the user knows them (`esxi-07 (10.0.0.7)`). */
  target: z.string(),
  hostIds: z.array(z.string()),
  reason: z.string().nullable(),
  outcome: z.string().nullable(),
  /** The plan (start), the step record with its commands (step), the trust event (trust)… */
  data: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** One line of the list: an operation (its start, end and reason) or a trust decision. */
export const AuditItem = z.object({
  id: z.string(),
  operationId: z.string().nullable(),
  at: z.number(),
  user: z.string(),
  workstation: z.string(),
  subject: z.string(),
  title: Words,
  target: z.string(),
  reason: z.string().nullable(),
  outcome: z.string().nullable(),
  commands: z.number().int(),
});
export type AuditItem = z.infer<typeof AuditItem>;

export const AuditFilter = z
  .object({
    host: z.string().max(255).optional(),
    vm: z.string().max(255).optional(),
    subject: z.string().max(100).optional(),
    outcome: z.string().max(40).optional(),
    user: z.string().max(255).optional(),
    since: z.number().optional(),
    until: z.number().optional(),
    limit: z.number().int().min(1).max(10_000).default(500),
  })
  .strict();
export type AuditFilter = z.input<typeof AuditFilter>;

export const ChainState = z.object({
  intact: z.boolean(),
  entries: z.number().int(),
  /** The first entry that is not as written: changed, missing (deleted), or out of the chain. */
  firstBad: z.object({ seq: z.number().int(), id: z.string().nullable(), problem: z.enum(['changed', 'missing', 'unlinked']) }).nullable(),
  head: z.string().nullable(),
});
export type ChainState = z.infer<typeof ChainState>;

export const ExportFormat = z.enum(['csv', 'json', 'html']);

const Empty = z.object({}).strict();

export const auditMethods = {
  'audit.list': { input: AuditFilter, output: z.array(AuditItem) },
  /** Every entry of one operation (or the one trust entry), in order. */
  'audit.show': { input: z.object({ id: z.string().min(1).max(200) }).strict(), output: z.array(AuditEntry) },
  'audit.verify': { input: Empty, output: ChainState },
  /** The filtered trail as a file's text: CSV, JSON, or an HTML page that prints well, in the given language. */
  'audit.export': {
    input: z.object({ format: ExportFormat, filter: AuditFilter.optional(), lang: z.enum(['it', 'en']).default('en') }).strict(),
    output: z.object({ fileName: z.string(), mime: z.string(), text: z.string() }),
  },
} as const;

export const auditEvents = {
  /** An entry was appended: lists may read again. */
  'audit:appended': z.object({ seq: z.number().int(), operationId: z.string().nullable() }),
} as const;

import { z } from 'zod';
import { VM_OUTCOMES } from '../model/vm-outcome.ts';
import { HISTORY_CELLS, RUN_STATUSES } from '../model/log-catalog.ts';
import { JobRef } from './jobs.ts';

/**
 * The log catalog's calls: every ghettoVCB log harvested from the NAS or the hosts (or imported by hand), read
 * from the local database, so all of it works with no machine reachable.
 */
const RunId = z.number().int().positive();
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const Name = z.string().min(1).max(300);

export const RunStatus = z.enum(RUN_STATUSES);
export const HistoryCell = z.enum(HISTORY_CELLS);

export const RunFilter = z
  .object({
    host: Name.optional(),
    vm: Name.optional(),
    status: RunStatus.optional(),
    since: Day.optional(),
    until: Day.optional(),
    limit: z.number().int().min(1).max(5000).default(500),
  })
  .strict();
export type RunFilter = z.input<typeof RunFilter>;

export const RunRow = z.object({
  id: RunId,
  fileId: z.number().int(),
  hostId: z.string().nullable(),
  hostName: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  status: RunStatus,
  finalStatus: z.string().nullable(),
  exitCode: z.number().nullable(),
  dryrun: z.boolean(),
  vmsOk: z.number().int(),
  vmsProblem: z.number().int(),
});
export type RunRow = z.infer<typeof RunRow>;

export const RunVm = z.object({
  name: z.string(),
  outcome: z.enum(VM_OUTCOMES),
  reason: z.string().nullable(),
  line: z.number().int(),
  durationSeconds: z.number().nullable(),
  diskErrors: z.array(z.object({ source: z.string().nullable(), error: z.string(), code: z.number().nullable() })),
  warnings: z.array(z.string()),
});
export type RunVm = z.infer<typeof RunVm>;

export const RunDetail = z.object({
  run: RunRow,
  firstLine: z.number().int(),
  lastLine: z.number().int(),
  /** The whole file's line count: the raw view shows the file, the run is a range in it. */
  fileLines: z.number().int(),
  origin: z.string(),
  source: z.enum(['nas', 'esxi', 'import']),
  harvestedAt: z.number(),
  invalidUtf8: z.boolean(),
  failure: z.object({ kind: z.string(), message: z.string() }).nullable(),
  aborted: z.boolean(),
  emailErrors: z.array(z.string()),
  vms: z.array(RunVm),
  /** 1-based line of the first line that reports an error, for "jump to the first error". */
  firstErrorLine: z.number().int().nullable(),
});
export type RunDetail = z.infer<typeof RunDetail>;

export const LinesRequest = z.object({ fileId: z.number().int().positive(), from: z.number().int().min(1), count: z.number().int().min(1).max(5000) }).strict();
export const LinesPage = z.object({ from: z.number().int(), lines: z.array(z.string()) });
export type LinesPage = z.infer<typeof LinesPage>;

export const FindRequest = z.object({ fileId: z.number().int().positive(), text: z.string().min(1).max(500) }).strict();

export const SearchRequest = z.object({ query: z.string().min(1).max(1000), limit: z.number().int().min(1).max(2000).default(200) }).strict();
export const SearchHit = z.object({ line: z.number().int(), snippet: z.string() });
export const SearchGroup = z.object({ run: RunRow, hits: z.array(SearchHit) });
export const SearchResult = z.object({ groups: z.array(SearchGroup), total: z.number().int(), truncated: z.boolean(), ignored: z.array(z.string()) });
export type SearchResult = z.infer<typeof SearchResult>;

export const HistoryRequest = z.object({ days: z.number().int().min(1).max(3660).default(30), until: Day.optional(), host: Name.optional(), vm: Name.optional() }).strict();
export const HistoryRow = z.object({
  hostName: z.string(),
  vm: z.string(),
  /** One character code per night, oldest first (see HISTORY_CELLS), and the run of each night (0: none). */
  cells: z.array(HistoryCell),
  runIds: z.array(z.number().int()),
});
export const History = z.object({ until: Day, days: z.number().int(), rows: z.array(HistoryRow) });
export type History = z.infer<typeof History>;

export const CatalogStatus = z.object({
  runs: z.number().int(),
  files: z.number().int(),
  refused: z.number().int(),
  lines: z.number().int(),
  hosts: z.array(z.string()),
  /** When the newest harvest or import finished (epoch ms), null when the catalog is empty. */
  lastHarvestAt: z.number().nullable(),
});
export type CatalogStatus = z.infer<typeof CatalogStatus>;

export const ExportRequest = z.union([
  z.object({ runId: RunId, lang: z.enum(['it', 'en']) }).strict(),
  z.object({ vm: Name, host: Name.optional(), days: z.number().int().min(1).max(3660).default(365), lang: z.enum(['it', 'en']) }).strict(),
]);

export const logsMethods = {
  'logs.status': { input: z.object({}).strict(), output: CatalogStatus },
  'logs.runs': { input: RunFilter, output: z.array(RunRow) },
  'logs.run': { input: z.object({ runId: RunId }).strict(), output: RunDetail },
  'logs.lines': { input: LinesRequest, output: LinesPage },
  /** Every line of a file holding the text (case-insensitive), for find next/previous in the raw view. */
  'logs.find': { input: FindRequest, output: z.array(z.number().int()) },
  'logs.search': { input: SearchRequest, output: SearchResult },
  'logs.history': { input: HistoryRequest, output: History },
  /** Harvests every host's logs (default: all hosts) as a job; `logs:changed` follows each indexed file. */
  'logs.sync': { input: z.object({ hostIds: z.array(z.string().min(1).max(200)).max(1000).optional() }).strict(), output: JobRef },
  'logs.export': { input: ExportRequest, output: z.object({ html: z.string(), title: z.string() }) },
} as const;

export const logsEvents = {
  'logs:changed': z.object({ runs: z.number().int() }),
} as const;

import type { logsMethods } from '../../../shared/ipc/logs.ts';
import type { HandlerMap } from '../ipc/router.ts';
import type { JobRegistry } from '../jobs/job-registry.ts';
import { historyReport, runReport } from './export-html.ts';
import { harvest, type HarvestDeps } from './harvest.ts';

/** The log catalog's calls: reads of the local catalog, and the harvest as a job. */
export function logsHandlers(deps: HarvestDeps & { jobs: JobRegistry; today?: () => string }): HandlerMap<typeof logsMethods> {
  const { catalog, jobs } = deps;
  const today = deps.today ?? (() => new Date().toISOString().slice(0, 10));
  return {
    'logs.status': () => catalog.reader.status(),
    'logs.runs': (filter) => catalog.reader.runs(filter),
    'logs.run': ({ runId }) => catalog.reader.run(runId),
    'logs.lines': ({ fileId, from, count }) => catalog.reader.lines(fileId, from, count),
    'logs.find': ({ fileId, text }) => catalog.reader.find(fileId, text),
    'logs.search': ({ query, limit }) => catalog.reader.search(query, limit),
    'logs.history': ({ days, until, host, vm }) => catalog.reader.history(days, until ?? today(), { host, vm }),
    'logs.sync': ({ hostIds }) => {
      for (const id of hostIds ?? []) deps.hosts.get(id);
      return jobs.start({ kind: 'logs.sync', title: 'logs.sync', run: (ctx) => harvest(deps, hostIds, ctx) });
    },
    'logs.export': (input) => {
      if ('runId' in input) {
        const detail = catalog.reader.run(input.runId);
        const until = detail.run.startedAt?.slice(0, 10) ?? today();
        return runReport(detail, catalog.reader.history(30, until, { host: detail.run.hostName }), input.lang);
      }
      return historyReport(input.vm, catalog.reader.history(input.days, today(), { host: input.host, vm: input.vm }), input.lang);
    },
  };
}

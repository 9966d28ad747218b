import type { auditMethods } from '../../../shared/ipc/audit.ts';
import type { HandlerMap } from '../ipc/router.ts';
import type { AuditStore } from './audit-store.ts';
import { exportTrail } from './export.ts';

export function auditHandlers(audit: AuditStore, now: () => number = Date.now): HandlerMap<typeof auditMethods> {
  return {
    'audit.list': (filter) => audit.list(filter),
    'audit.show': ({ id }) => audit.show(id),
    'audit.verify': () => audit.verify(),
    'audit.export': ({ format, filter, lang }) => exportTrail(audit, { format, filter: filter ?? {}, lang, now: now() }),
  };
}

/**
 * Backups followed live: each VM's progress line (disk N of M with its percent, time taken, time left, the reason of
 * a skip or failure), the run's totals, and a run found going on that Custode did not start. Italian addresses the
 * user with "tu".
 */
export const messages = {
  en: {
    'backup.live.cloning': 'copying disk {{disk}} of {{disks}}: {{percent}}%',
    'backup.live.cloningStarting': 'copying disk {{disk}} of {{disks}}',
    'backup.live.elapsed': '{{elapsed}} so far',
    'backup.live.eta': 'about {{eta}} left',
    'backup.live.took': 'took {{elapsed}}',
    'backup.live.run': 'Copied {{done}} of {{total}} at {{rate}}/s, about {{eta}} left ({{elapsed}} so far)',
    'backup.live.found': 'A ghettoVCB run Custode did not start is going on on {{host}} (process {{pid}}, from “{{line}}”): following it in {{log}}',
    'backup.live.foundNoLine': 'A ghettoVCB run Custode did not start is going on on {{host}} (process {{pid}}): following it in {{log}}',
    'error.backup.runLogNotFound': 'A ghettoVCB run holds the lock on {{host}}, but no log names its process: Custode looked where the schedule writes and in /tmp. See “custode backup check {{host}}” for the lock.',
  },
  it: {
    'backup.live.cloning': 'copia del disco {{disk}} di {{disks}}: {{percent}}%',
    'backup.live.cloningStarting': 'copia del disco {{disk}} di {{disks}}',
    'backup.live.elapsed': '{{elapsed}} finora',
    'backup.live.eta': 'mancano circa {{eta}}',
    'backup.live.took': 'in {{elapsed}}',
    'backup.live.run': 'Copiati {{done}} di {{total}} a {{rate}}/s, mancano circa {{eta}} ({{elapsed}} finora)',
    'backup.live.found': 'Su {{host}} è in corso un backup di ghettoVCB che Custode non ha avviato (processo {{pid}}, da “{{line}}”): lo seguo in {{log}}',
    'backup.live.foundNoLine': 'Su {{host}} è in corso un backup di ghettoVCB che Custode non ha avviato (processo {{pid}}): lo seguo in {{log}}',
    'error.backup.runLogNotFound': 'Un backup di ghettoVCB tiene il blocco su {{host}}, ma nessun log nomina il suo processo: Custode ha cercato dove scrive la pianificazione e in /tmp. Guarda il blocco con “custode backup check {{host}}”.',
  },
} as const;

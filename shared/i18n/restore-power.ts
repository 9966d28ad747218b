/**
 * Powering on a restored VM (restores and drills): ESXi's "moved or copied" question, the wait for the VM and its
 * Tools, and the errors. Italian addresses the user with "tu".
 */
export const messages = {
  en: {
    'error.restore.power.timeout': 'VM {{vmid}} was not up within the time allowed. Look at the VM on the host: it may still be waiting on a question.',
    'error.restore.power.failed': 'ESXi did not power on VM {{vmid}}: {{output}}',
    'error.restore.power.unexpectedQuestion': 'VM {{vmid}} asks a question Custode does not answer ({{key}}: {{text}}): answer it on the host.',
  },
  it: {
    'error.restore.power.timeout': 'La VM {{vmid}} non si è avviata nel tempo previsto. Controlla la VM sull’host: potrebbe aspettare ancora una risposta.',
    'error.restore.power.failed': 'ESXi non ha acceso la VM {{vmid}}: {{output}}',
    'error.restore.power.unexpectedQuestion': 'La VM {{vmid}} fa una domanda a cui Custode non risponde ({{key}}: {{text}}): rispondi sull’host.',
  },
} as const;

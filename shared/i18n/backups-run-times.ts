/**
 * The run page's times: per VM the time so far (or what it took) and the time left at the run's copy rate, and the
 * run's bytes copied of those to copy (event `backup:live`). Italian addresses the user with "tu".
 */
export const messages = {
  en: {
    'backups.ui.run.vmElapsed': '{{elapsed}} so far',
    'backups.ui.run.vmTook': 'took {{elapsed}}',
    'backups.ui.run.vmEta': 'about {{eta}} left',
    'backups.ui.run.totals': 'Copied {{done}} of {{total}} at {{rate}}/s · about {{eta}} left',
    'backups.ui.run.totalsNoRate': 'Copied {{done}} of {{total}}',
  },
  it: {
    'backups.ui.run.vmElapsed': '{{elapsed}} finora',
    'backups.ui.run.vmTook': 'in {{elapsed}}',
    'backups.ui.run.vmEta': 'mancano circa {{eta}}',
    'backups.ui.run.totals': 'Copiati {{done}} di {{total}} a {{rate}}/s · mancano circa {{eta}}',
    'backups.ui.run.totalsNoRate': 'Copiati {{done}} di {{total}}',
  },
} as const;

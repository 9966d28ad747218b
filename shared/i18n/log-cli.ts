/**
 * Words of the terminal's log commands and of their input checks (`custode log parse|explain`, files read by
 * any command).
 */
export const messages = {
  en: {
    'cli.log.notGhettoVcb': 'This is not a ghettoVCB log: no line in it was written by ghettoVCB or vmkfstools.',
    'cli.log.linesCut': 'Lines longer than 1 MiB, cut and read from their first MiB: {{count}}.',
  },
  it: {
    'cli.log.notGhettoVcb': 'Questo non è un log di ghettoVCB: nessuna riga è stata scritta da ghettoVCB o da vmkfstools.',
    'cli.log.linesCut': 'Righe più lunghe di 1 MiB, tagliate e lette dal loro primo MiB: {{count}}.',
  },
} as const;

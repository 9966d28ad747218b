/**
 * A host whose clock is off Custode's: said in the host's findings and beside a missed-run alert (the schedule runs
 * on the host's clock; Custode shows every time on the user's). Italian addresses the user with "tu".
 */
export const messages = {
  en: {
    'fleet.host.clockAhead': 'The host’s clock is {{minutes}} minutes ahead of Custode’s: its schedule starts that much earlier than the time it shows. Custode judges the runs on the host’s clock and shows the times on yours. Set the host’s time, or turn on NTP (Manage > System > Time & date).',
    'fleet.host.clockBehind': 'The host’s clock is {{minutes}} minutes behind Custode’s: its schedule starts that much later than the time it shows. Custode judges the runs on the host’s clock and shows the times on yours. Set the host’s time, or turn on NTP (Manage > System > Time & date).',
  },
  it: {
    'fleet.host.clockAhead': 'L’orologio dell’host è avanti di {{minutes}} minuti rispetto a quello di Custode: la sua pianificazione parte prima dell’ora che indica. Custode giudica i backup sull’orologio dell’host e ti mostra gli orari sul tuo. Regola l’ora dell’host o attiva l’NTP (Gestisci > Sistema > Data e ora).',
    'fleet.host.clockBehind': 'L’orologio dell’host è indietro di {{minutes}} minuti rispetto a quello di Custode: la sua pianificazione parte dopo l’ora che indica. Custode giudica i backup sull’orologio dell’host e ti mostra gli orari sul tuo. Regola l’ora dell’host o attiva l’NTP (Gestisci > Sistema > Data e ora).',
  },
} as const;

/** Words of the desktop shell itself: the page shown when the app's own window could not load, and hidden secrets. */
export const messages = {
  en: {
    'desktop.loadFailed.title': 'Custode could not open its window',
    'desktop.loadFailed.body': 'The app’s own page did not load. Close Custode and start it again; if this page comes back, reinstall Custode.',
    'desktop.loadFailed.detail': 'Details for whoever helps you: {{error}}',
    'secrets.setHidden': 'set, hidden',
  },
  it: {
    'desktop.loadFailed.title': 'Custode non è riuscito ad aprire la sua finestra',
    'desktop.loadFailed.body': 'La pagina dell’app non si è caricata. Chiudi Custode e riavvialo; se questa pagina ricompare, reinstalla Custode.',
    'desktop.loadFailed.detail': 'Dettagli per chi ti aiuta: {{error}}',
    'secrets.setHidden': 'impostata, nascosta',
  },
} as const;

/** Browser mode's words for a page opened without a working launch address. */
export const messages = {
  en: {
    'connection.needsLaunch':
      'This page needs a fresh address from the terminal where Custode runs: each address works once, within 30 seconds. Press Enter there for a new one.',
  },
  it: {
    'connection.needsLaunch':
      'Questa pagina va aperta da un indirizzo nuovo, preso dal terminale dove gira Custode: ogni indirizzo vale una volta sola, entro 30 secondi. Premi Invio lì per averne uno nuovo.',
  },
} as const;

/** Words of `custode fleet remove` and `custode trust forget`: what they did, and the machine they could not find. */
export const messages = {
  en: {
    'cli.fleet.removed': 'removed {{name}} ({{address}}) from Custode; nothing on the machine itself was changed',
    'cli.trust.forgotten': 'forgot {{count}} pinned key(s) of {{object}}: the next connection will show its key for you to check again',
    'error.fleet.unknownHost': 'There is no machine “{{host}}” in Custode. Check its name or address with “custode fleet list”.',
    'error.fleet.ambiguousHost': '“{{host}}” names {{count}} machines; give its address and port (address:port).',
  },
  it: {
    'cli.fleet.removed': 'rimosso {{name}} ({{address}}) da Custode; sulla macchina non è stato cambiato nulla',
    'cli.trust.forgotten': 'dimenticate {{count}} chiave/i registrate di {{object}}: alla prossima connessione ti verrà mostrata la chiave da verificare di nuovo',
    'error.fleet.unknownHost': 'In Custode non c’è una macchina «{{host}}». Controlla il nome o l’indirizzo con «custode fleet list».',
    'error.fleet.ambiguousHost': '«{{host}}» indica {{count}} macchine; indica indirizzo e porta (indirizzo:porta).',
  },
} as const;

/**
 * Why each VM of a run ended as it did when the backup share filled up during the run (the `why` of a VM's outcome,
 * electron/core/backup/share-full.ts). `free` is the share's free space read after the run. Italian addresses the
 * user with "tu".
 */
export const messages = {
  en: {
    'backup.shareFull.copyFailed':
      'The copy of {{vm}} failed because the share {{share}} had no space left ({{free}} free after the run). The copies made before are untouched. Free space on the NAS (or enlarge the dataset, or lower the rotation), then run the backup again.',
    'backup.shareFull.copyFailedOutput':
      'The copy of {{vm}} failed while the share {{share}} was full ({{free}} free after the run). ghettoVCB could not write this VM’s lines to its log on the full share: Custode read the result from the run’s output on the host. Free space on the NAS, then run the backup again.',
    'backup.shareFull.failedWhileFull':
      'The copy of {{vm}} failed while the share {{share}} was full ({{free}} free after the run); a full share also shows as other errors (a copy folder that could not be made, a file not found). Free space on the NAS, then run the backup again.',
    'backup.shareFull.fromOutput':
      'The share {{share}} was full ({{free}} free after the run), so ghettoVCB could not write this VM’s result to its log there: Custode read it from the run’s output on the host.',
    'backup.shareFull.unknown':
      'Not known whether {{vm}} was backed up: the share {{share}} was full ({{free}} free after the run), ghettoVCB’s log on it stops before this VM’s result and the run’s output on the host says no more. Count it as not backed up: free space on the NAS, then run the backup again.',
    'backup.shareFull.unknownNoOutput':
      'Not known whether {{vm}} was backed up: the share {{share}} was full ({{free}} free after the run) and ghettoVCB’s log on it stops before this VM’s result. Custode has no other record of this run’s output (a run the host’s schedule started keeps it nowhere Custode can read). Count it as not backed up: free space on the NAS, then run the backup again.',
  },
  it: {
    'backup.shareFull.copyFailed':
      'La copia di {{vm}} non è riuscita perché la condivisione {{share}} era piena ({{free}} liberi dopo il backup). Le copie fatte prima sono intatte. Libera spazio sul NAS (o ingrandisci il dataset, o riduci la rotazione), poi rifai il backup.',
    'backup.shareFull.copyFailedOutput':
      'La copia di {{vm}} non è riuscita mentre la condivisione {{share}} era piena ({{free}} liberi dopo il backup). ghettoVCB non ha potuto scrivere le righe di questa VM nel suo log sulla condivisione piena: Custode ha letto il risultato dall’output del backup sull’host. Libera spazio sul NAS, poi rifai il backup.',
    'backup.shareFull.failedWhileFull':
      'La copia di {{vm}} non è riuscita mentre la condivisione {{share}} era piena ({{free}} liberi dopo il backup); una condivisione piena si presenta anche con altri errori (una cartella della copia che non si è potuta creare, un file non trovato). Libera spazio sul NAS, poi rifai il backup.',
    'backup.shareFull.fromOutput':
      'La condivisione {{share}} era piena ({{free}} liberi dopo il backup), quindi ghettoVCB non ha potuto scrivere lì il risultato di questa VM nel suo log: Custode l’ha letto dall’output del backup sull’host.',
    'backup.shareFull.unknown':
      'Non si sa se {{vm}} sia stata copiata: la condivisione {{share}} era piena ({{free}} liberi dopo il backup), il log di ghettoVCB lì si ferma prima del risultato di questa VM e l’output del backup sull’host non dice di più. Considerala non copiata: libera spazio sul NAS, poi rifai il backup.',
    'backup.shareFull.unknownNoOutput':
      'Non si sa se {{vm}} sia stata copiata: la condivisione {{share}} era piena ({{free}} liberi dopo il backup) e il log di ghettoVCB lì si ferma prima del risultato di questa VM. Custode non ha altra traccia dell’output di questo backup (un backup avviato dalla pianificazione dell’host non lo lascia dove Custode possa leggerlo). Considerala non copiata: libera spazio sul NAS, poi rifai il backup.',
  },
} as const;

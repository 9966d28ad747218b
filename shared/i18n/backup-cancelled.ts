/**
 * A cancelled backup told as cancelled everywhere: the end notice (desktop notification or in-app banner), the job's
 * toast, the VMs' bars and the verification of the copies it cut off. Italian addresses the user with "tu".
 */
export const messages = {
  en: {
    'backup.runEnded.cancelled': 'The backup of {{host}} was cancelled',
    'backups.ui2.ended.cancelled': 'The backup of {{host}} was cancelled: {{what}}. Open its page to see what was left.',
    'backups.ui2.ended.partial': 'partial copies left on the share, not backups: {{vms}}',
    'backups.ui2.ended.noPartial': 'no copy was cut off',
    'cli.backup.vm.cancelled': 'cancelled',
    'backup.verify.folder.partial': 'Partial copy left by the cancel in {{copy}}, marked with STATUS.error: it is not a backup and never counts as one. Delete it once you no longer need it.',
    'backup.verify.folder.cancelledNone': 'The cancel stopped this VM before its copy folder was written in {{dir}}: there is no copy.',
    'backups.job.ended': '{{title}}: ended, every copy verified.',
    'backups.job.endedUnverified': '{{title}}: ended; its copies are not verified yet.',
    'backups.job.problems': '{{title}}: ended with problems. Open the run to see what to do.',
    'backups.job.lost': '{{title}}: stopped without an exit code. Open the run to see what is left.',
    'backups.job.cancelled': '{{title}}: cancelled.',
    'backups.job.cancelledPartial': '{{title}}: cancelled. Partial copies left on the share, not backups: {{vms}}.',
  },
  it: {
    'backup.runEnded.cancelled': 'Il backup di {{host}} è stato annullato',
    'backups.ui2.ended.cancelled': 'Il backup di {{host}} è stato annullato: {{what}}. Apri la sua pagina per vedere cosa è rimasto.',
    'backups.ui2.ended.partial': 'copie parziali lasciate sulla condivisione, non sono backup: {{vms}}',
    'backups.ui2.ended.noPartial': 'nessuna copia interrotta',
    'cli.backup.vm.cancelled': 'annullata',
    'backup.verify.folder.partial': 'Copia parziale lasciata dall’annullamento in {{copy}}, segnata con STATUS.error: non è un backup e non conta mai come tale. Cancellala quando non ti serve più.',
    'backup.verify.folder.cancelledNone': 'L’annullamento ha fermato questa VM prima che la sua cartella di copia fosse scritta in {{dir}}: non c’è copia.',
    'backups.job.ended': '{{title}}: finito, tutte le copie verificate.',
    'backups.job.endedUnverified': '{{title}}: finito; le copie non sono ancora verificate.',
    'backups.job.problems': '{{title}}: finito con problemi. Apri il backup per sapere cosa fare.',
    'backups.job.lost': '{{title}}: fermato senza codice di uscita. Apri il backup per vedere cosa è rimasto.',
    'backups.job.cancelled': '{{title}}: annullato.',
    'backups.job.cancelledPartial': '{{title}}: annullato. Copie parziali lasciate sulla condivisione, non sono backup: {{vms}}.',
  },
} as const;

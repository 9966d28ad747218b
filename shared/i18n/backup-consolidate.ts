/**
 * "Consolidate snapshots first": removing the snapshots the user picked before a run, so the VM is backed up instead
 * of skipped. The plan's steps and checks, the errors, and the run-now dialog's words. Italian addresses the user
 * with "tu".
 */
export const messages = {
  en: {
    'backup.consolidate.step': 'Remove the snapshot {{name}} (id {{id}}, made {{created}}) of {{vm}}, which you picked, merging it into the disks so ghettoVCB backs the VM up',
    'backup.consolidate.check.there': '{{vm}} still has the snapshot {{name}} with id {{id}}',
    'backup.consolidate.check.gone': '{{vm}} no longer has the snapshot {{name}} with id {{id}}',
    'backup.consolidate.danger': 'The snapshot {{name}} of {{vm}} is removed for good: you can no longer go back to it.',
    'error.backup.consolidateUnknown': '{{vm}} on {{host}} has no snapshot with id {{id}}: nothing was started. Read its snapshots again and pick one of them.',
    'error.backup.consolidateNotInRun': '{{vm}} is not among the VMs of this run: its snapshot is not removed, and nothing was started. Add the VM to the run, or leave its snapshot alone.',
    'backups.ui.consolidate.title': 'Consolidate snapshots first (optional)',
    'backups.ui.consolidate.intro': 'These VMs have snapshots, so ghettoVCB would skip them. Pick the snapshots to remove before the run: only those are removed, for good.',
    'backups.ui.consolidate.pick': 'Remove {{name}} (id {{id}}) of {{vm}}',
    'backups.ui.consolidate.confirm': 'I confirm: remove {{object}} for good before the run',
    'backups.ui.consolidate.needsConfirm': 'Confirm a second time each snapshot to remove:',
    'backups.ui.consolidate.loading': 'Reading the snapshots of {{vm}}…',
  },
  it: {
    'backup.consolidate.step': 'Rimuovi lo snapshot {{name}} (id {{id}}, creato {{created}}) di {{vm}}, che hai scelto, unendolo ai dischi perché ghettoVCB faccia il backup della VM',
    'backup.consolidate.check.there': '{{vm}} ha ancora lo snapshot {{name}} con id {{id}}',
    'backup.consolidate.check.gone': '{{vm}} non ha più lo snapshot {{name}} con id {{id}}',
    'backup.consolidate.danger': 'Lo snapshot {{name}} di {{vm}} viene rimosso per sempre: non potrai più tornarci.',
    'error.backup.consolidateUnknown': '{{vm}} su {{host}} non ha uno snapshot con id {{id}}: non è stato avviato nulla. Rileggi i suoi snapshot e scegline uno.',
    'error.backup.consolidateNotInRun': '{{vm}} non è tra le VM di questo backup: il suo snapshot non viene rimosso e non è stato avviato nulla. Aggiungi la VM al backup, oppure lascia stare il suo snapshot.',
    'backups.ui.consolidate.title': 'Consolida prima gli snapshot (facoltativo)',
    'backups.ui.consolidate.intro': 'Queste VM hanno snapshot, quindi ghettoVCB le salterebbe. Scegli gli snapshot da rimuovere prima del backup: vengono rimossi solo quelli, per sempre.',
    'backups.ui.consolidate.pick': 'Rimuovi {{name}} (id {{id}}) di {{vm}}',
    'backups.ui.consolidate.confirm': 'Confermo: rimuovi {{object}} per sempre prima del backup',
    'backups.ui.consolidate.needsConfirm': 'Conferma una seconda volta ogni snapshot da rimuovere:',
    'backups.ui.consolidate.loading': 'Lettura degli snapshot di {{vm}}…',
  },
} as const;

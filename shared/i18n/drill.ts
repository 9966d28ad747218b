/**
 * Restore drills: the marker step the restore gains for them, the teardown's steps, the `custode drill` words and
 * this area's errors. Italian addresses the user with "tu".
 */
export const messages = {
  en: {
    'restore.run.step.marker': 'Write the drill’s marker {{path}} into the new folder, before anything else',
    'drill.teardown.title': 'Remove the drill {{folder}} on {{host}}',
    'drill.teardown.step.powerOff': 'Power off the drill VM {{name}} (id {{vmid}})',
    'drill.teardown.step.remove': 'Remove the drill’s folder {{folder}} and all it holds, only while {{marker}} names this drill',
    'drill.teardown.check.marker': '{{marker}} names this drill',

    'cli.drill.plan': 'Drill of {{vm}}: copy {{copy}} (from {{source}}) restored on {{host}} as {{name}} in {{folder}}, every NIC disconnected; then powered on, timed and removed. Verdict: {{verdict}}',
    'cli.drill.reasonRequired': 'say why you run this drill: --reason "…" (with --yes)',
    'cli.drill.done': 'Drill of {{vm}} done: running {{recovery}} after the start, VMware Tools {{tools}}; {{name}} was removed from {{host}}.',
    'cli.drill.noTools': 'not reported by the guest',
    'cli.drill.ended': 'Drill of {{vm}} ended {{result}}: {{error}}',
    'cli.drill.notRemoved': 'Not removed (look at it on the host): {{paths}}',
    'cli.drill.list': '{{when}}  {{vm}} → {{host}}/{{datastore}} as {{name}}  {{result}}  running {{recovery}}  Tools {{tools}}',
    'cli.drill.none': 'No drills kept yet.',
    'cli.drill.trend': 'Recovery times of {{vm}} (oldest first): {{points}}',
    'drill.result.running': 'running',
    'drill.result.succeeded': 'succeeded',
    'drill.result.failed': 'failed',
    'drill.result.cancelled': 'cancelled',

    'error.drill.planUnknown': 'That drill is no longer kept for review: plan it again.',
    'error.drill.markerMissing': 'The folder {{folder}} does not hold this drill’s marker, so it was left as it is. Look at it on the host before removing anything.',
    'error.drill.notRemoved': 'The drill could not remove {{paths}}. Look at them on the host.',
    'error.drill.datastoreNeeded': 'Say on which datastore of the target host the drill restores {{vm}} (--datastore): the VM does not live on that host.',
    'error.drill.failed': 'The drill failed.',
  },
  it: {
    'restore.run.step.marker': 'Scrivi il contrassegno della prova {{path}} nella nuova cartella, prima di ogni altra cosa',
    'drill.teardown.title': 'Rimuovi la prova {{folder}} su {{host}}',
    'drill.teardown.step.powerOff': 'Spegni la VM di prova {{name}} (id {{vmid}})',
    'drill.teardown.step.remove': 'Rimuovi la cartella della prova {{folder}} con tutto il suo contenuto, solo se {{marker}} nomina questa prova',
    'drill.teardown.check.marker': '{{marker}} nomina questa prova',

    'cli.drill.plan': 'Prova di ripristino di {{vm}}: la copia {{copy}} (da {{source}}) ripristinata su {{host}} come {{name}} in {{folder}}, con ogni scheda di rete scollegata; poi accesa, cronometrata e rimossa. Esito dei controlli: {{verdict}}',
    'cli.drill.reasonRequired': 'scrivi perché fai questa prova: --reason "…" (con --yes)',
    'cli.drill.done': 'Prova di {{vm}} completata: in esecuzione dopo {{recovery}} dall’inizio, VMware Tools {{tools}}; {{name}} è stata rimossa da {{host}}.',
    'cli.drill.noTools': 'non segnalati dal sistema ospite',
    'cli.drill.ended': 'La prova di {{vm}} è finita con esito {{result}}: {{error}}',
    'cli.drill.notRemoved': 'Non rimosso (controlla sull’host): {{paths}}',
    'cli.drill.list': '{{when}}  {{vm}} → {{host}}/{{datastore}} come {{name}}  {{result}}  in esecuzione {{recovery}}  Tools {{tools}}',
    'cli.drill.none': 'Nessuna prova registrata finora.',
    'cli.drill.trend': 'Tempi di ripristino di {{vm}} (dal più vecchio): {{points}}',
    'drill.result.running': 'in corso',
    'drill.result.succeeded': 'riuscita',
    'drill.result.failed': 'fallita',
    'drill.result.cancelled': 'annullata',

    'error.drill.planUnknown': 'Questa prova non è più in attesa di revisione: pianificala di nuovo.',
    'error.drill.markerMissing': 'La cartella {{folder}} non contiene il contrassegno di questa prova, quindi è stata lasciata com’è. Controllala sull’host prima di rimuovere qualcosa.',
    'error.drill.notRemoved': 'La prova non ha potuto rimuovere {{paths}}. Controlla sull’host.',
    'error.drill.datastoreNeeded': 'Indica su quale datastore dell’host di destinazione la prova ripristina {{vm}} (--datastore): la VM non si trova su quell’host.',
    'error.drill.failed': 'La prova non è riuscita.',
  },
} as const;

/** Words of the CLI's write commands: the plan printed for review, and how to run it (`--reason`, `--yes`). */
export const messages = {
  en: {
    'cli.plan.head': 'Plan: {{title}} ({{risk}})',
    'cli.plan.step': '{{n}}. {{words}} ({{where}})',
    'cli.plan.dangerous': '   Dangerous: {{words}} To run it, add --confirm {{object}}.',
    'cli.plan.commands': 'Commands, in the order they would be sent:',
    'cli.plan.notRun': 'Nothing was run. To run this plan, repeat the command with --reason "why" --yes.',
    'cli.plan.recorded': 'Recorded in the audit trail as operation {{id}} (custode audit show {{id}}).',
  },
  it: {
    'cli.plan.head': 'Piano: {{title}} ({{risk}})',
    'cli.plan.step': '{{n}}. {{words}} ({{where}})',
    'cli.plan.dangerous': '   Pericoloso: {{words}} Per eseguirlo aggiungi --confirm {{object}}.',
    'cli.plan.commands': 'Comandi, nell’ordine in cui verrebbero inviati:',
    'cli.plan.notRun': 'Non è stato eseguito nulla. Per eseguire questo piano ripeti il comando con --reason "perché" --yes.',
    'cli.plan.recorded': 'Registrato nel registro attività come operazione {{id}} (custode audit show {{id}}).',
  },
} as const;

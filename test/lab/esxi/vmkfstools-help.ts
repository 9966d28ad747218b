// How `vmkfstools -h` shows --adaptertype, per ESXi release. ghettoVCB greps that line: when it is absent or says
// "deprecated" the script omits `-a`, otherwise it passes `-a <ddb.adapterType>` and echoes the help line to stdout.
// Observed (ghettovcb.md, lamw/ghettoVCB#264): ESXi 6.7 U2 lists the option without "deprecated", the script passes
// `-a`, and the clone answers "Option --adaptertype is deprecated and hence will be ignored". Other releases are not
// verified: they default to the same, and `lab fault HOST adaptertype-help listed|deprecated|absent` sets one host.

export const ADAPTERTYPE_HELP_MODES = ['listed', 'deprecated', 'absent'] as const;
export type AdaptertypeHelp = (typeof ADAPTERTYPE_HELP_MODES)[number];

/** Per major.minor release; 'listed' for 6.7 is observed, the others are that same assumption until verified. */
export const ADAPTERTYPE_HELP_BY_RELEASE: Record<string, AdaptertypeHelp> = {
  '6.0': 'listed',
  '6.5': 'listed',
  '6.7': 'listed',
  '7.0': 'listed',
  '8.0': 'listed',
  '9.0': 'listed',
};

export function isAdaptertypeHelp(text: string): text is AdaptertypeHelp {
  return (ADAPTERTYPE_HELP_MODES as readonly string[]).includes(text);
}

/** The host's setting when one was made, else its release's. */
export function adaptertypeHelpFor(version: string, setting: AdaptertypeHelp | null | undefined): AdaptertypeHelp {
  if (setting) return setting;
  return ADAPTERTYPE_HELP_BY_RELEASE[version.split('.').slice(0, 2).join('.')] ?? 'listed';
}

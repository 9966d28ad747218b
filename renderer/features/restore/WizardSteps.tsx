/** A wizard's numbered steps, the current one marked (the restore wizard's and the drill's). */
export function WizardSteps<S extends string>({ steps, current, label, word }: { steps: readonly S[]; current: S; label: string; word(step: S): string }) {
  const index = steps.indexOf(current);
  return (
    <ol className="restore-steps" aria-label={label}>
      {steps.map((s, i) => (
        <li key={s} className={i === index ? 'restore-step current' : i < index ? 'restore-step done' : 'restore-step'} aria-current={i === index ? 'step' : undefined}>
          <span className="restore-step-n">{i + 1}</span> {word(s)}
        </li>
      ))}
    </ol>
  );
}

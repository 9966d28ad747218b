import { Button } from '../../components/Button.tsx';
import { Progress } from '../../components/Progress.tsx';

/** What a wizard is waiting for (a job of unknown length), with the Stop that aborts it in core. */
export function JobBusy({ label, stop, onStop }: { label: string; stop: string; onStop(): void }) {
  return (
    <div className="stack-sm restore-busy" aria-live="polite">
      <p>{label}</p>
      <Progress fraction={null} label={label} />
      <div>
        <Button onClick={onStop}>{stop}</Button>
      </div>
    </div>
  );
}

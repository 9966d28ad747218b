/** A bar for known progress, an animated stripe while the amount of work is unknown (fraction null). */
export function Progress({ fraction, label }: { fraction: number | null; label: string }) {
  const percent = fraction === null ? undefined : Math.round(fraction * 100);
  return (
    <div
      className={`progress${fraction === null ? ' progress-indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="progress-fill" style={{ width: percent === undefined ? '30%' : `${percent}%` }} />
    </div>
  );
}

/** A `SHA256:` fingerprint set large and monospaced, broken only at group boundaries so it can be read aloud. */
export function Fingerprint({ value, tone = 'neutral' }: { value: string; tone?: 'neutral' | 'old' | 'new' }) {
  const [algorithm, digest = ''] = value.includes(':') ? [value.slice(0, value.indexOf(':') + 1), value.slice(value.indexOf(':') + 1)] : ['', value];
  const groups = digest.match(/.{1,4}/g) ?? [];
  return (
    <code className={`fingerprint fingerprint-${tone}`} data-fingerprint={value} aria-label={value}>
      <span className="fingerprint-algo">{algorithm}</span>
      {groups.map((g, i) => (
        <span key={i} className="fingerprint-group">
          {g}
        </span>
      ))}
    </code>
  );
}

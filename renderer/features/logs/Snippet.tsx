const START = '\u0002';
const END = '\u0003';

/** A search snippet with its matches marked (core wraps them in START … END). */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(START).flatMap((piece, i) => (i === 0 ? [{ mark: false, text: piece }] : piece.split(END).map((p, j) => ({ mark: j === 0, text: p }))));
  return (
    <span className="snippet">
      {parts.map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </span>
  );
}

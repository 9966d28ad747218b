/** Line icons drawn inline (no icon font, no network); 20px, currentColor. */
const paths: Record<string, string> = {
  fleet: 'M3 4h14v5H3zM3 11h14v5H3zM6 6.5h.01M6 13.5h.01',
  backups: 'M10 3v9m0 0-3.5-3.5M10 12l3.5-3.5M4 14v2h12v-2',
  restore: 'M4 10a6 6 0 1 0 1.8-4.3M4 3v3.5h3.5',
  logs: 'M5 3h7l3 3v11H5zM8 9h5M8 12h5M8 15h3',
  audit: 'M10 2.5 4 5v5c0 3.5 2.6 6.2 6 7.5 3.4-1.3 6-4 6-7.5V5zM7.5 10l2 2 3.5-4',
  settings: 'M10 7a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM10 2v2M10 16v2M2 10h2M16 10h2M4.3 4.3l1.4 1.4M14.3 14.3l1.4 1.4M4.3 15.7l1.4-1.4M14.3 5.7l1.4-1.4',
  shield: 'M10 2.5 4 5v5c0 3.5 2.6 6.2 6 7.5 3.4-1.3 6-4 6-7.5V5z',
  jobs: 'M4 5h12M4 10h12M4 15h7',
};

export type IconName = keyof typeof paths;

export function Icon({ name, size = 20 }: { name: IconName; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={paths[name]} />
    </svg>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillTrend } from '../../../../shared/model/drill.ts';
import { useSettings } from '../../../stores/settings/store.ts';
import { dateTime } from '../../fleet/format.ts';
import { barHeights, rtoStats, rtoText } from './rto.ts';

const CHART_H = 64;
const BAR_W = 18;
const GAP = 6;

/** One VM's recovery times: last, best, worst, median, the trend, and a bar per drill (oldest left), in plain SVG. */
export function RtoHistory({ trends }: { trends: readonly DrillTrend[] | null }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.settings?.language ?? 'en');
  const [chosen, setChosen] = useState<string | null>(null);
  const trend = trends?.find((x) => x.vm === chosen) ?? trends?.[0] ?? null;
  const stats = trend ? rtoStats(trend.points) : null;
  return (
    <section className="card" aria-labelledby="drill-rto-title" data-testid="drill-rto">
      <h2 id="drill-rto-title">{t('drills.ui.rto.title')}</h2>
      <p className="muted">{t('drills.ui.rto.intro')}</p>
      {trends !== null && trends.length === 0 ? <p className="muted">{t('drills.ui.rto.none')}</p> : null}
      {trend && stats ? (
        <div className="drill-rto" data-vm={trend.vm}>
          <label className="restore-field restore-filter">
            <span>{t('drills.ui.rto.vm')}</span>
            <select name="rto-vm" value={trend.vm} onChange={(e) => setChosen(e.target.value)}>
              {trends!.map((x) => (
                <option key={x.vm} value={x.vm}>
                  {x.vm}
                </option>
              ))}
            </select>
          </label>
          <dl className="drill-figures" data-testid="drill-rto-stats">
            {(['last', 'best', 'worst', 'median'] as const).map((k) => (
              <div key={k} data-testid={`drill-rto-${k}`}>
                <dt>{t(`drills.ui.rto.${k}`)}</dt>
                <dd className="drill-figure">{rtoText(stats[k], lang)}</dd>
              </div>
            ))}
            <div data-testid="drill-rto-trend" data-trend={stats.trend ?? 'none'}>
              <dt>{t('drills.ui.rto.trend')}</dt>
              <dd className="drill-figure-text">{t(`drills.ui.rto.trend.${stats.trend ?? 'none'}`, { count: stats.count })}</dd>
            </div>
          </dl>
          <RtoBars points={trend.points} lang={lang} label={t('drills.ui.rto.chart', { vm: trend.vm, count: stats.count })} />
        </div>
      ) : null}
    </section>
  );
}

function RtoBars({ points, lang, label }: { points: DrillTrend['points']; lang: string; label: string }) {
  const heights = barHeights(points, CHART_H);
  const width = points.length * (BAR_W + GAP);
  return (
    <svg className="drill-bars" role="img" aria-label={label} width={width} height={CHART_H + 2} viewBox={`0 0 ${width} ${CHART_H + 2}`} data-testid="drill-rto-bars">
      {points.map((p, i) => (
        <rect key={p.at} className={i === points.length - 1 ? 'drill-bar drill-bar-last' : 'drill-bar'} x={i * (BAR_W + GAP)} y={CHART_H + 1 - heights[i]!} width={BAR_W} height={heights[i]} rx={2}>
          <title>{`${dateTime(lang, p.at)}: ${rtoText(p.recoveryMs, lang)}`}</title>
        </rect>
      ))}
    </svg>
  );
}

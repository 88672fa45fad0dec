import { enAdmin, type AdminMessages } from '../../utils/core/i18n/admin-en';

/** Bars never wider than this, so one day of data is one bar and not a slab across the chart. */
const MAX_BAR = 48;

/** Attempts per day as bars: a pattern at a glance, with the numbers for screen readers in a list. */
export function DayChart({ days, words: w = enAdmin.dsl }: { days: { date: string; count: number }[]; words?: AdminMessages['dsl'] }) {
  if (days.length === 0) return <p>{w.noAttempts}</p>;
  const max = Math.max(1, ...days.map((d) => d.count));
  const width = 640;
  const height = 120;
  const left = 32;
  const slot = (width - left) / days.length;
  const bar = Math.max(1, Math.min(slot - 2, MAX_BAR));
  const first = days[0]!.date;
  const last = days[days.length - 1]!.date;
  return (
    <figure class="chart-box">
      <svg
        class="chart"
        viewBox={`0 0 ${width} ${height + 18}`}
        role="img"
        aria-label={first === last ? w.chartOne(first, days[0]!.count) : w.chartMany(first, last, max)}
      >
        <text x={left - 6} y="10" font-size="11" text-anchor="end">
          {max}
        </text>
        <text x={left - 6} y={height} font-size="11" text-anchor="end">
          0
        </text>
        <line x1={left} y1={height} x2={width} y2={height} stroke="#767b88" />
        {days.map((d, i) => {
          const h = (d.count / max) * (height - 4);
          return (
            <rect key={d.date} x={left + i * slot + (slot - bar) / 2} y={height - h} width={bar} height={h} fill="#1f5fbf">
              <title>
                {d.date}: {d.count}
              </title>
            </rect>
          );
        })}
        {first === last ? (
          <text x={left + slot / 2} y={height + 14} font-size="11" text-anchor="middle">
            {first}
          </text>
        ) : (
          <>
            <text x={left} y={height + 14} font-size="11">
              {first}
            </text>
            <text x={width} y={height + 14} font-size="11" text-anchor="end">
              {last}
            </text>
          </>
        )}
      </svg>
    </figure>
  );
}

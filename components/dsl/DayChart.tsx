/** Attempts per day as bars: a pattern at a glance, with the numbers in the title for screen readers. */
export function DayChart({ days }: { days: { date: string; count: number }[] }) {
  if (days.length === 0) return <p>No attempts in this range.</p>;
  const max = Math.max(1, ...days.map((d) => d.count));
  const width = 640;
  const height = 120;
  const bar = width / days.length;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height + 16}`} role="img" aria-label={`Attempts per day, from ${days[0]!.date} to ${days[days.length - 1]!.date}`}>
      {days.map((d, i) => {
        const h = (d.count / max) * height;
        return (
          <rect key={d.date} x={i * bar + 1} y={height - h} width={Math.max(bar - 2, 1)} height={h} fill="#1f5fbf">
            <title>
              {d.date}: {d.count}
            </title>
          </rect>
        );
      })}
      <text x="0" y={height + 14} font-size="11">
        {days[0]!.date}
      </text>
      <text x={width} y={height + 14} font-size="11" text-anchor="end">
        {days[days.length - 1]!.date}
      </text>
    </svg>
  );
}

/** A tiny line of cost per bucket; decorative next to the exact figures in the row. */
export function Sparkline(props: { values: number[]; width?: number; height?: number }) {
  const width = props.width ?? 96;
  const height = props.height ?? 24;
  const max = Math.max(...props.values, 0);
  if (props.values.length < 2 || max === 0)
    return <svg className="sparkline" width={width} height={height} aria-hidden="true" />;
  const step = width / (props.values.length - 1);
  const points = props.values.map(
    (v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`,
  );
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
    >
      <polyline
        points={points.join(' ')}
        fill="none"
        stroke="#4338ca"
        strokeWidth="1.5"
        strokeLinejoin="round"
      />
    </svg>
  );
}

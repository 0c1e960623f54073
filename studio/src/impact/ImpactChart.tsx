/**
 * The Impact tab's charts, drawn by the shared bar chart (web/src/shared/BarChart.tsx, loaded only when results
 * are shown): the histogram of monthly changes, one colour per kind of change, and the breakdown's gains and losses
 * per group.
 */
import BarChart, { type TONES } from '../../../web/src/shared/BarChart.tsx';

type ChartProps =
  | { kind: 'histogram'; rows: { label: string; count: number; tone: keyof typeof TONES }[]; lang: string }
  | { kind: 'breakdown'; rows: { label: string; gains: number; losses: number }[]; names: { gains: string; losses: string }; lang: string };

/** One chart of the Impact tab. */
export default function ImpactChart(props: ChartProps) {
  const common = { lang: props.lang, className: 'mandate-impact-chart__figure', testId: `impact-chart-${props.kind}` };
  return props.kind === 'histogram' ? (
    <BarChart {...common} rows={props.rows} series={[{ key: 'count', tone: 'same' }]} labelWidth={150} />
  ) : (
    <BarChart
      {...common}
      rows={props.rows}
      series={[
        { key: 'gains', name: props.names.gains, tone: 'gain' },
        { key: 'losses', name: props.names.losses, tone: 'loss' },
      ]}
      labelWidth={90}
    />
  );
}

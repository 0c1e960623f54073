/**
 * A horizontal bar chart (recharts) for the staff dashboard and the studio's Impact tab: one bar per row, or one
 * per series with a legend; long labels stay readable in a narrow column. A chart is a picture of the data table
 * printed beside it: hidden from screen readers and out of the tab order (`accessibilityLayer` off), the table being
 * the accessible form. The default export, so that pages load recharts only when they draw a chart (`lazy`).
 */
import { Bar, BarChart as Chart, CartesianGrid, Cell, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { formatNumber } from './format.ts';

/** Colours with 3:1 or more against white (USWDS): green, red-orange, grey, blue. */
export const TONES = { gain: '#008817', loss: '#c05600', same: '#71767a', primary: '#005ea2' } as const;

/** One row: its label, a value per series key, and optionally its own colour (single-series charts). */
export type BarRow = { label: string; tone?: keyof typeof TONES } & Record<string, string | number | undefined>;

/** The chart's rows and series. */
export interface BarChartProps {
  rows: BarRow[];
  /** The values drawn: one bar per series per row; a legend names them when there are two or more. */
  series: { key: string; name?: string; tone: keyof typeof TONES }[];
  lang: string;
  /** Width of the label column, in pixels. */
  labelWidth?: number;
  className?: string;
  testId?: string;
}

const ROW_HEIGHT = 30;

/** The chart. */
export default function BarChart({ rows, series, lang, labelWidth = 150, className, testId }: BarChartProps) {
  const count = (v: number) => formatNumber(v, lang);
  const height = rows.length * (series.length > 1 ? ROW_HEIGHT * 1.6 : ROW_HEIGHT) + 60;
  return (
    <div className={className} aria-hidden="true" data-testid={testId}>
      <ResponsiveContainer width="100%" height={height}>
        <Chart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} stroke="#dfe1e2" />
          <XAxis type="number" allowDecimals={false} tickFormatter={count} stroke="#565c65" />
          <YAxis type="category" dataKey="label" width={labelWidth} interval={0} stroke="#565c65" tick={{ fontSize: 13 }} />
          {series.length > 1 && <Legend verticalAlign="top" height={28} />}
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} fill={TONES[s.tone]} isAnimationActive={false}>
              {series.length === 1 && rows.map((r) => <Cell key={r.label} fill={TONES[r.tone ?? s.tone]} />)}
            </Bar>
          ))}
        </Chart>
      </ResponsiveContainer>
    </div>
  );
}

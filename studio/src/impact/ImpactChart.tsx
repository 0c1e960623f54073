/**
 * The Impact tab's charts (recharts, bundled with the studio and loaded only when results are shown): the histogram
 * of monthly changes and the breakdown's gains and losses per group, as horizontal bars so long labels stay readable
 * in a narrow panel. Each chart is a picture of the data table printed beside it: hidden from screen readers and out
 * of the tab order (`accessibilityLayer` off), the table being the accessible form.
 */
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../../web/src/shared/format.ts';

/** Bar colours (USWDS): increases green, decreases red-orange, no change grey; 3:1 or more against white. */
const TONES = { gain: '#008817', loss: '#c05600', same: '#71767a' } as const;

type ChartProps =
  | { kind: 'histogram'; rows: { label: string; count: number; tone: keyof typeof TONES }[]; lang: string }
  | { kind: 'breakdown'; rows: { label: string; gains: number; losses: number }[]; names: { gains: string; losses: string }; lang: string };

const ROW_HEIGHT = 30;

/** One chart of the Impact tab. */
export default function ImpactChart(props: ChartProps) {
  const count = (v: number) => formatNumber(v, props.lang);
  const height = props.rows.length * (props.kind === 'breakdown' ? ROW_HEIGHT * 1.6 : ROW_HEIGHT) + 60;
  return (
    <div className="mandate-impact-chart__figure" aria-hidden="true" data-testid={`impact-chart-${props.kind}`}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={props.rows as Record<string, unknown>[]}
          layout="vertical"
          margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
          accessibilityLayer={false}
        >
          <CartesianGrid horizontal={false} stroke="#dfe1e2" />
          <XAxis type="number" allowDecimals={false} tickFormatter={count} stroke="#565c65" />
          <YAxis
            type="category"
            dataKey="label"
            width={props.kind === 'breakdown' ? 90 : 150}
            interval={0}
            stroke="#565c65"
            tick={{ fontSize: 13 }}
          />
          {props.kind === 'histogram' ? (
            <Bar dataKey="count" isAnimationActive={false}>
              {props.rows.map((r) => (
                <Cell key={r.label} fill={TONES[r.tone]} />
              ))}
            </Bar>
          ) : (
            <>
              <Legend verticalAlign="top" height={28} />
              <Bar dataKey="gains" name={props.names.gains} fill={TONES.gain} isAnimationActive={false} />
              <Bar dataKey="losses" name={props.names.losses} fill={TONES.loss} isAnimationActive={false} />
            </>
          )}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

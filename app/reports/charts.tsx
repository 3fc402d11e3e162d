// The report's charts, drawn by Recharts at a fixed size (scaled by CSS, ChartCard.tsx) and with
// animations off, so the server's SVG is the final picture.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { CHART_HEIGHT, CHART_WIDTH } from "./ChartCard";

const GREEN = "#29845a";
const BLUE = "#005bd3";
const ORANGE = "#b28400";

const size = {
  width: CHART_WIDTH,
  height: CHART_HEIGHT,
  margin: { top: 8, right: 16, bottom: 8, left: 8 },
};

export function RedemptionsPerDay(props: {
  id: string;
  data: { day: string; redemptions: number }[];
}) {
  return (
    <BarChart id={props.id} data={props.data} {...size}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="day" tickFormatter={shortDay} minTickGap={24} />
      <YAxis allowDecimals={false} width={48} />
      <Tooltip />
      <Bar dataKey="redemptions" name="Redemptions" fill={GREEN} isAnimationActive={false} />
    </BarChart>
  );
}

export function MoneyPerDay(props: {
  id: string;
  currency: string;
  data: { day: string; netSales: number; discountCost: number }[];
}) {
  return (
    <LineChart id={props.id} data={props.data} {...size}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="day" tickFormatter={shortDay} minTickGap={24} />
      <YAxis width={72} />
      <Tooltip />
      <Legend />
      <Line
        dataKey="netSales"
        name={`Net sales (${props.currency})`}
        stroke={BLUE}
        dot={false}
        isAnimationActive={false}
      />
      <Line
        dataKey="discountCost"
        name={`Discount cost (${props.currency})`}
        stroke={ORANGE}
        dot={false}
        isAnimationActive={false}
      />
    </LineChart>
  );
}

/** Net sales and discount cost per partner or channel, largest first (the top ones). */
export function MoneyBars(props: {
  id: string;
  currency: string;
  data: { name: string; netSales: number; discountCost: number }[];
}) {
  return (
    <BarChart id={props.id} data={props.data} {...size}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="name"
        interval={0}
        tickFormatter={(n: string) => (n.length > 12 ? `${n.slice(0, 11)}…` : n)}
      />
      <YAxis width={72} />
      <Tooltip />
      <Legend />
      <Bar
        dataKey="netSales"
        name={`Net sales (${props.currency})`}
        fill={BLUE}
        isAnimationActive={false}
      />
      <Bar
        dataKey="discountCost"
        name={`Discount cost (${props.currency})`}
        fill={ORANGE}
        isAnimationActive={false}
      />
    </BarChart>
  );
}

export function CountBars(props: { id: string; data: { name: string; count: number }[] }) {
  return (
    <BarChart id={props.id} data={props.data} {...size}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="name" interval={0} />
      <YAxis allowDecimals={false} width={72} />
      <Tooltip />
      <Bar dataKey="count" name="Codes" fill={GREEN} isAnimationActive={false} />
    </BarChart>
  );
}

// "2026-11-03" as "Nov 3": the axis has little room; the table has the full dates.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function shortDay(day: string): string {
  const [, m, d] = day.split("-").map(Number);
  return `${MONTHS[(m ?? 1) - 1]} ${d}`;
}

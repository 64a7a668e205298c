"use client";
// The analytics charts (Chart.js through react-chartjs-2). Only the pieces these charts
// use are registered, so the bundle stays small. Every canvas has a role="img" label and
// a one-line summary; the numbers themselves are in the table beside each chart.
import {
  ArcElement,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
  type ChartOptions,
} from "chart.js";
import { Bar, Doughnut, Line } from "react-chartjs-2";
import { formatMoney, formatPercent } from "@/components/data/format";
import type { AnalyticsDto } from "@/components/data/types";
import { CHART_COLORS, TYPE_COLORS } from "@/components/analytics/format";
import { hourInZone, hourLabel } from "@/components/ui/time";

ChartJS.register(
  ArcElement,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
);

const baseOptions = {
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
} as const;

// react-chartjs-2 gives the canvas role="img"; each chart passes its label to the canvas.
function ChartBox({ children }: { children: React.ReactNode }) {
  return (
    <div className="relative h-64 w-full" data-testid="chart">
      {children}
    </div>
  );
}

export function DailyRevenueChart({ data }: { data: AnalyticsDto["revenue"]["daily"] }) {
  const options: ChartOptions<"line"> = {
    ...baseOptions,
    plugins: {
      legend: { display: false },
      tooltip: { callbacks: { label: (item) => formatMoney(Number(item.raw) * 100) } },
    },
    scales: {
      y: { beginAtZero: true, ticks: { callback: (v) => `$${Number(v).toLocaleString("en-US")}` } },
      x: { ticks: { maxTicksLimit: 8, autoSkip: true } },
    },
  };
  return (
    <ChartBox>
      <Line
        aria-label={`Daily revenue over ${data.length} days, as a line chart`}
        options={options}
        data={{
          labels: data.map((d) => d.date.slice(5)),
          datasets: [
            {
              label: "Revenue",
              data: data.map((d) => d.revenueCents / 100),
              borderColor: CHART_COLORS.brand,
              backgroundColor: CHART_COLORS.brand,
              pointRadius: data.length > 60 ? 0 : 2,
              borderWidth: 2,
            },
          ],
        }}
      />
    </ChartBox>
  );
}

export function RevenueByTypeChart({ data }: { data: AnalyticsDto["revenue"]["bySlotType"] }) {
  const options: ChartOptions<"doughnut"> = {
    ...baseOptions,
    plugins: {
      legend: { position: "bottom" },
      tooltip: {
        callbacks: { label: (item) => `${item.label}: ${formatMoney(Number(item.raw))}` },
      },
    },
  };
  return (
    <ChartBox>
      <Doughnut
        aria-label="Revenue by slot type, as a doughnut chart"
        options={options}
        data={{
          labels: data.map((d) => d.type),
          datasets: [
            {
              data: data.map((d) => d.revenueCents),
              backgroundColor: data.map((d) => TYPE_COLORS[d.type]),
            },
          ],
        }}
      />
    </ChartBox>
  );
}

export function HourlyProfileChart({
  profile,
  peakHours,
  zoneLabel,
}: {
  profile: AnalyticsDto["hourlyProfile"];
  peakHours: AnalyticsDto["peakHours"];
  /** The zone the hours are local to, e.g. "UTC" or "BST/GMT". */
  zoneLabel: string;
}) {
  const peaks = new Set(peakHours.map((p) => p.hour));
  const options: ChartOptions<"bar"> = {
    ...baseOptions,
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          label: (item) => {
            const row = profile[item.dataIndex]!;
            return `${row.avgOccupancy} slots (${formatPercent(row.avgOccupancyRate)})${
              peaks.has(row.hour) ? ", peak" : ""
            }`;
          },
        },
      },
    },
    scales: {
      y: { beginAtZero: true, title: { display: true, text: "occupied slots" } },
      x: { ticks: { maxTicksLimit: 12, autoSkip: true } },
    },
  };
  return (
    <ChartBox>
      <Bar
        aria-label={`Average occupied slots by hour of day (${zoneLabel}), peak hours highlighted`}
        options={options}
        data={{
          labels: profile.map((h) => hourLabel(h.hour)),
          datasets: [
            {
              label: "Average occupied slots",
              data: profile.map((h) => h.avgOccupancy),
              backgroundColor: profile.map((h) =>
                peaks.has(h.hour) ? CHART_COLORS.peak : CHART_COLORS.brandLight,
              ),
              borderColor: profile.map((h) =>
                peaks.has(h.hour) ? CHART_COLORS.peak : CHART_COLORS.brand,
              ),
              borderWidth: 1,
            },
          ],
        }}
      />
    </ChartBox>
  );
}

export function ForecastChart({
  forecast,
  timeZone,
}: {
  forecast: AnalyticsDto["forecast"];
  /** The zone the hours are shown in (the location's, or UTC). */
  timeZone: string;
}) {
  const options: ChartOptions<"line"> = {
    ...baseOptions,
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          label: (item) => {
            const row = forecast[item.dataIndex]!;
            return `${row.predictedOccupied} slots (${formatPercent(row.predictedOccupancyRate)})`;
          },
        },
      },
    },
    scales: {
      y: { beginAtZero: true, title: { display: true, text: "predicted occupied slots" } },
      x: { ticks: { maxTicksLimit: 12, autoSkip: true } },
    },
  };
  return (
    <ChartBox>
      <Line
        aria-label="Forecast of occupied slots for the next 24 hours, as a line chart"
        options={options}
        data={{
          labels: forecast.map((f) => hourLabel(hourInZone(f.time, timeZone))),
          datasets: [
            {
              label: "Predicted occupied slots",
              data: forecast.map((f) => f.predictedOccupied),
              borderColor: CHART_COLORS.forecast,
              backgroundColor: CHART_COLORS.forecast,
              borderDash: [6, 4],
              pointRadius: 2,
              borderWidth: 2,
            },
          ],
        }}
      />
    </ChartBox>
  );
}

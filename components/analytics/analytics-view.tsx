"use client";
// /analytics (staff): range picker (in the URL), KPI cards, charts with a summary and a
// table each (the text alternative), the forecast with its backtest error, a heat map of
// floors × zones and preferences. First paint comes from the server; SWR refreshes it.
import Link from "next/link";
import { useAnalytics } from "@/components/data/hooks";
import { ANALYTICS_RANGES } from "@/lib/validation/analytics";
import { formatMoney, formatPercent } from "@/components/data/format";
import type { AnalyticsDto } from "@/components/data/types";
import { Card } from "@/components/ui/card";
import {
  DailyRevenueChart,
  ForecastChart,
  HourlyProfileChart,
  RevenueByTypeChart,
} from "@/components/analytics/charts";
import { brandTint, formatRate } from "@/components/analytics/format";
import {
  NETWORK_TIME_ZONE,
  formatTimeOfDay,
  hourLabel,
  monthDayInZone,
  zoneAbbreviation,
  zoneAbbreviationsBetween,
} from "@/components/ui/time";

type Row = (string | number)[];

function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: Row[] }) {
  return (
    <details className="mt-3 text-sm">
      <summary className="text-brand cursor-pointer font-medium">Show as table</summary>
      <div className="mt-2 max-h-80 overflow-auto">
        <table className="w-full text-left tabular-nums">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h} scope="col" className="border-surface-border border-b px-2 py-1">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j} className="border-surface-border border-b px-2 py-1">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** The location the page is about (null: the whole network). */
export type AnalyticsLocation = { id: number; slug: string; name: string } | null;

/** The zone of the answer's hours: the location's (`range.timeZone`), else UTC. */
function zoneOfAnswer(data: AnalyticsDto): string {
  return data.range.timeZone ?? NETWORK_TIME_ZONE;
}

function RangePicker({ days, location }: { days: number; location: AnalyticsLocation }) {
  return (
    <nav aria-label="Range">
      <ul className="flex flex-wrap gap-1">
        {ANALYTICS_RANGES.map((d) => (
          <li key={d}>
            <Link
              href={`/analytics?days=${d}${location ? `&location=${location.slug}` : ""}`}
              scroll={false}
              aria-current={d === days ? "page" : undefined}
              className={`min-h-control rounded-control inline-flex items-center border px-3 text-sm font-medium ${
                d === days
                  ? "bg-brand border-brand text-white"
                  : "border-surface-border text-ink hover:bg-brand-light"
              }`}
            >
              {d} days
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Kpis({ data, hoursZone }: { data: AnalyticsDto; hoursZone: string }) {
  const timeZone = zoneOfAnswer(data);
  const reservations = data.preferences.byType.reduce((s, t) => s + t.reservations, 0);
  const peak = data.peakHours[0];
  const nextPeak = data.forecast.reduce<AnalyticsDto["forecast"][number] | undefined>(
    (best, f) => (!best || f.predictedOccupied > best.predictedOccupied ? f : best),
    undefined,
  );
  const cards = [
    { label: "Revenue", value: formatMoney(data.revenue.totalCents), testId: "kpi-revenue" },
    {
      label: "Occupancy",
      value: formatRate(data.utilization.occupancyRate),
      testId: "kpi-occupancy",
    },
    { label: "Reservations", value: String(reservations), testId: "kpi-reservations" },
    {
      label: `Busiest hour (${hoursZone})`,
      value: peak ? hourLabel(peak.hour) : "—",
      testId: "kpi-peak",
    },
    {
      label: "Next 24 h peak",
      value: nextPeak
        ? `${formatTimeOfDay(nextPeak.time, timeZone)} · ${formatPercent(nextPeak.predictedOccupancyRate)}`
        : "—",
      testId: "kpi-forecast-peak",
    },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-5">
      {cards.map((card) => (
        <div
          key={card.label}
          className="rounded-card border-surface-border bg-surface p-card border"
          data-testid={card.testId}
        >
          <dt className="text-ink-muted text-sm">{card.label}</dt>
          <dd className="text-2xl font-bold tabular-nums">{card.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function BacktestTable({ backtest }: { backtest: AnalyticsDto["backtest"] }) {
  const rows = [
    { name: "Model (weekly profile)", stats: backtest.model },
    { name: "Average by hour of day", stats: backtest.hourOfDay },
    { name: "Same hour last week", stats: backtest.seasonalNaive },
  ];
  const fmt = (v: number | null, unit: string) => (v === null ? "n/a" : `${v}${unit}`);
  return (
    <div data-testid="backtest">
      <h3 className="mb-1 text-sm font-semibold">Backtest error, last {backtest.days} days</h3>
      <table className="w-full text-left text-sm tabular-nums">
        <caption className="sr-only">
          Forecast error over the last {backtest.days} days: model against two baselines
        </caption>
        <thead>
          <tr>
            <th scope="col" className="border-surface-border border-b py-1 pr-2">
              Method
            </th>
            <th scope="col" className="border-surface-border border-b px-2 py-1">
              MAE (slots)
            </th>
            <th scope="col" className="border-surface-border border-b px-2 py-1">
              MAPE
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.name} className={i === 0 ? "font-semibold" : undefined}>
              <th scope="row" className="border-surface-border border-b py-1 pr-2 font-normal">
                {row.name}
              </th>
              <td className="border-surface-border border-b px-2 py-1">{fmt(row.stats.mae, "")}</td>
              <td className="border-surface-border border-b px-2 py-1">
                {fmt(row.stats.mape, "%")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-ink-muted mt-1 text-xs">
        Each of the last {backtest.days} days forecast from the data before it ({backtest.points}{" "}
        hours scored). MAPE skips hours with no occupancy.
      </p>
    </div>
  );
}

function HeatMap({ byZone }: { byZone: AnalyticsDto["utilization"]["byZone"] }) {
  const floors = [...new Set(byZone.map((z) => z.floor))].sort((a, b) => a - b);
  const zones = [...new Set(byZone.map((z) => z.zone))].sort();
  const max = Math.max(0.0001, ...byZone.map((z) => z.occupancyRate));
  const rate = (floor: number, zone: string) =>
    byZone.find((z) => z.floor === floor && z.zone === zone)?.occupancyRate;
  return (
    // Focusable so keyboard users can scroll it when many zones overflow a phone screen.
    <div
      className="overflow-x-auto"
      tabIndex={0}
      role="region"
      aria-label="Occupancy by floor and zone (scrolls sideways)"
    >
      <table className="w-full border-separate border-spacing-1 text-center text-sm tabular-nums">
        <caption className="sr-only">Occupancy rate by floor and zone over the range</caption>
        <thead>
          <tr>
            <th scope="col" className="text-ink-muted font-medium">
              Floor
            </th>
            {zones.map((zone) => (
              <th key={zone} scope="col" className="font-medium">
                Zone {zone}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {floors.map((floor) => (
            <tr key={floor}>
              <th scope="row" className="font-medium">
                {floor}
              </th>
              {zones.map((zone) => {
                const value = rate(floor, zone);
                // Light tints only, so the dark text stays readable (WCAG AA) on every cell.
                const alpha = value === undefined ? 0 : 0.06 + 0.44 * (value / max);
                return (
                  <td
                    key={zone}
                    className="rounded-control h-12 min-w-16 font-semibold"
                    style={{ backgroundColor: brandTint(alpha) }}
                    data-testid="heat-cell"
                  >
                    {value === undefined ? "—" : formatRate(value)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AnalyticsView({
  days,
  location,
  fallback,
}: {
  days: number;
  location: AnalyticsLocation;
  fallback: AnalyticsDto;
}) {
  const { data = fallback } = useAnalytics(days, location?.id, fallback);
  const { revenue, utilization, hourlyProfile, peakHours, forecast, preferences } = data;
  const timeZone = zoneOfAnswer(data);
  // Hours of the day over the range: local hours, under every abbreviation the zone used.
  const hoursZone = zoneAbbreviationsBetween(
    timeZone,
    new Date(data.range.from),
    new Date(data.range.to),
  );
  const bestDay = revenue.daily.reduce((best, d) =>
    d.revenueCents > best.revenueCents ? d : best,
  );
  const topType = revenue.bySlotType.reduce((best, t) =>
    t.revenueCents > best.revenueCents ? t : best,
  );
  const busiest = utilization.busiestZones[0];
  const forecastPeak = forecast.reduce((best, f) =>
    f.predictedOccupied > best.predictedOccupied ? f : best,
  );
  return (
    <div className="gap-section flex flex-col">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <RangePicker days={days} location={location} />
        <p className="text-ink-muted text-sm" data-testid="analytics-range">
          {revenue.daily[0]?.date} to {revenue.daily.at(-1)?.date}
          {location
            ? `, local days at ${location.name} (${timeZone}, now ${zoneAbbreviation(timeZone, new Date(data.range.to))})`
            : " (UTC)"}
        </p>
      </div>
      <Kpis data={data} hoursZone={hoursZone} />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card title="Daily revenue">
          <p className="text-ink-muted mb-2 text-sm" data-testid="revenue-summary">
            {formatMoney(revenue.totalCents)} over {revenue.daily.length} days; best day{" "}
            {bestDay.date} with {formatMoney(bestDay.revenueCents)}.
          </p>
          <DailyRevenueChart data={revenue.daily} />
          <DataTable
            caption="Revenue by day"
            head={["Date", "Revenue"]}
            rows={revenue.daily.map((d) => [d.date, formatMoney(d.revenueCents)])}
          />
        </Card>
        <Card title="Revenue by slot type">
          <p className="text-ink-muted mb-2 text-sm">
            {topType.revenueCents > 0
              ? `${topType.type} slots earn the most: ${formatMoney(topType.revenueCents)}.`
              : "No revenue in this range."}
          </p>
          <RevenueByTypeChart data={revenue.bySlotType} />
          <DataTable
            caption="Revenue by slot type"
            head={["Type", "Revenue"]}
            rows={revenue.bySlotType.map((t) => [t.type, formatMoney(t.revenueCents)])}
          />
        </Card>
        <Card title={`Occupancy by hour of day (${hoursZone})`}>
          <p className="text-ink-muted mb-2 text-sm" data-testid="peak-summary">
            {peakHours.length > 0
              ? `Peak hours: ${peakHours
                  .map((p) => `${hourLabel(p.hour)} (${formatRate(p.avgOccupancyRate)})`)
                  .join(", ")}.`
              : "No occupancy in this range."}
          </p>
          <HourlyProfileChart profile={hourlyProfile} peakHours={peakHours} zoneLabel={hoursZone} />
          <DataTable
            caption="Average occupancy by hour of day"
            head={["Hour", "Avg occupied", "Rate"]}
            rows={hourlyProfile.map((h) => [
              hourLabel(h.hour),
              h.avgOccupancy,
              formatRate(h.avgOccupancyRate),
            ])}
          />
        </Card>
        <Card title="Forecast, next 24 hours">
          <p className="text-ink-muted mb-2 text-sm">
            Busiest expected: {formatTimeOfDay(forecastPeak.time, timeZone)} with{" "}
            {forecastPeak.predictedOccupied} slots (
            {formatPercent(forecastPeak.predictedOccupancyRate)}
            ).
          </p>
          <ForecastChart forecast={forecast} timeZone={timeZone} />
          <div className="mt-3">
            <BacktestTable backtest={data.backtest} />
          </div>
          <DataTable
            caption="Forecast by hour"
            head={["Time", "Occupied", "Rate"]}
            rows={forecast.map((f) => [
              `${monthDayInZone(f.time, timeZone)} ${formatTimeOfDay(f.time, timeZone)}`,
              f.predictedOccupied,
              formatRate(f.predictedOccupancyRate),
            ])}
          />
        </Card>
        <Card title="Occupancy by floor and zone">
          <p className="text-ink-muted mb-2 text-sm">
            Overall {formatRate(utilization.occupancyRate)}
            {busiest &&
              `; busiest: floor ${busiest.floor} zone ${busiest.zone} at ${formatRate(busiest.occupancyRate)}`}
            .
          </p>
          <HeatMap byZone={utilization.byZone} />
          <p className="text-ink-muted mt-2 text-xs">Darker cells are fuller zones.</p>
        </Card>
        <Card title="Preferences">
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <table className="text-left text-sm tabular-nums">
              <caption className="mb-1 text-left font-semibold">Reservations by type</caption>
              <tbody>
                {preferences.byType.map((t) => (
                  <tr key={t.type}>
                    <th
                      scope="row"
                      className="border-surface-border border-b py-1 pr-4 font-normal"
                    >
                      {t.type}
                    </th>
                    <td className="border-surface-border border-b py-1">{t.reservations}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="text-left text-sm tabular-nums">
              <caption className="mb-1 text-left font-semibold">Reservations by zone</caption>
              <tbody>
                {preferences.byZone.map((z) => (
                  <tr key={`${z.floor}-${z.zone}`}>
                    <th
                      scope="row"
                      className="border-surface-border border-b py-1 pr-4 font-normal"
                    >
                      Floor {z.floor} zone {z.zone}
                    </th>
                    <td className="border-surface-border border-b py-1">{z.reservations}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      </div>
    </div>
  );
}

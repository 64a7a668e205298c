"use client";
// /analytics (staff): range picker (in the URL), KPI cards, charts with a summary and a
// table each (the text alternative), the forecast with its backtest error, a heat map of
// floors × zones and preferences. First paint comes from the server; SWR refreshes it.
import Link from "next/link";
import { useAnalytics } from "@/components/data/hooks";
import { ANALYTICS_RANGES } from "@/lib/validation/analytics";
import { formatMoney, formatPercent } from "@/components/data/format";
import type { AnalyticsDto } from "@/components/data/types";
import { Card, StatCards } from "@/components/ui/card";
import {
  DailyRevenueChart,
  ForecastChart,
  HourlyProfileChart,
  RevenueByTypeChart,
} from "@/components/analytics/charts";
import { formatRate } from "@/components/analytics/format";
import { BacktestTable, DataTable, HeatMap } from "@/components/analytics/tables";
import {
  NETWORK_TIME_ZONE,
  formatTimeOfDay,
  hourLabel,
  monthDayInZone,
  zoneAbbreviation,
  zoneAbbreviationsBetween,
} from "@/components/ui/time";

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
  return <StatCards stats={cards} columns="md:grid-cols-5" />;
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

// The analytics page's tables: a chart's text alternative, the forecast's backtest errors and
// the floors × zones heat map.
import type { AnalyticsDto } from "@/components/data/types";
import { brandTint, formatRate } from "@/components/analytics/format";

export type Row = (string | number)[];

export function DataTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: Row[];
}) {
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

export function BacktestTable({ backtest }: { backtest: AnalyticsDto["backtest"] }) {
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

export function HeatMap({ byZone }: { byZone: AnalyticsDto["utilization"]["byZone"] }) {
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

export function Card({
  title,
  children,
  className = "",
  headingLevel = 2,
  action,
}: {
  title?: string;
  children: React.ReactNode;
  className?: string;
  headingLevel?: 2 | 3;
  action?: React.ReactNode;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className={`rounded-card border-surface-border bg-surface p-card border ${className}`}>
      {(title || action) && (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          {title && <Heading className="text-base font-semibold">{title}</Heading>}
          {action}
        </div>
      )}
      {children}
    </section>
  );
}

export function PageTitle({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="[&+*]:mt-section flex flex-wrap items-end justify-between gap-2 [&:not(:first-child)]:mt-0">
      <h1 className="text-2xl font-bold">{title}</h1>
      {children}
    </div>
  );
}

/** Beside a page title: which garage the page is about (none named: the whole network). */
export function ScopeNote({ locationName }: { locationName: string | undefined }) {
  return (
    <p className="text-ink-muted text-sm" data-testid="scope-note">
      {locationName === undefined ? "All garages" : `At ${locationName}`}
    </p>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return (
    <div className="rounded-card border-surface-border bg-surface p-card text-ink-muted border border-dashed text-center">
      {children}
    </div>
  );
}

export type Stat = { label: string; value: string; testId: string };

/**
 * Figures side by side, each a card with its label above its value: two to a row on a
 * phone, `columns` (a Tailwind class, e.g. "md:grid-cols-4") from there on.
 */
export function StatCards({
  stats,
  columns,
  large = false,
}: {
  stats: readonly Stat[];
  columns: string;
  large?: boolean;
}) {
  return (
    <dl className={`grid grid-cols-2 gap-3 ${columns}`}>
      {stats.map((stat) => (
        <div
          key={stat.label}
          className="rounded-card border-surface-border bg-surface p-card border"
          data-testid={stat.testId}
        >
          <dt className="text-ink-muted text-sm">{stat.label}</dt>
          <dd className={`${large ? "text-3xl" : "text-2xl"} font-bold tabular-nums`}>
            {stat.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

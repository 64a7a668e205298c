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

// Page controls for a server-paginated list: where this page is in the total, and links to
// the previous and next pages (their addresses carry the offset, so a page can be shared).
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export function Pager({
  label,
  offset,
  limit,
  shown,
  total,
  hrefFor,
}: {
  /** What the pages are of, for the navigation landmark ("Slot pages"). */
  label: string;
  offset: number;
  limit: number;
  /** Rows on this page. */
  shown: number;
  total: number;
  hrefFor: (offset: number) => string;
}) {
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  const previous = offset > 0 ? Math.max(0, Math.min(offset - limit, (pages - 1) * limit)) : null;
  const next = offset + limit < total ? offset + limit : null;
  if (previous === null && next === null && page === 1) return null;
  return (
    <nav aria-label={label} className="mt-3 flex flex-wrap items-center justify-between gap-2">
      <p className="text-ink-muted text-sm tabular-nums" data-testid="pager-position">
        Page {page} of {pages}
        {shown > 0 && ` (${offset + 1}–${offset + shown} of ${total})`}
      </p>
      <div className="flex gap-2">
        {previous !== null && (
          <Link
            href={hrefFor(previous)}
            scroll={false}
            className={buttonClass.secondary}
            rel="prev"
          >
            Previous<span className="sr-only"> page</span>
          </Link>
        )}
        {next !== null && (
          <Link href={hrefFor(next)} scroll={false} className={buttonClass.secondary} rel="next">
            Next<span className="sr-only"> page</span>
          </Link>
        )}
      </div>
    </nav>
  );
}

// Every page renders per request (who is signed in, the data now) inside its own Suspense
// boundary: the page's static shell holds the skeleton below, and a client navigation
// shows it at once while the page's data streams in. The boundary sits in the page itself,
// not in a layout's loading.tsx, because a navigation keeps the layouts it shares with the
// page it leaves and Next.js checks that the new page brings its own fallback.
import { Suspense, type ReactNode } from "react";
import { connection } from "next/server";

/** A page rendered per request, never prerendered: `render` runs for each request. */
export function perRequestPage<P extends object>(render: (props: P) => Promise<ReactNode>) {
  async function Rendered(props: P) {
    await connection();
    return render(props);
  }
  return function Page(props: P) {
    return (
      <Suspense fallback={<PageSkeleton />}>
        <Rendered {...props} />
      </Suspense>
    );
  };
}

// A skeleton the size of a page title and a few cards, so the content does not jump when
// it arrives.
function PageSkeleton() {
  return (
    <div aria-busy="true" aria-live="polite">
      <p className="sr-only">Loading…</p>
      <div className="mb-section rounded-control bg-surface-border h-8 w-48 animate-pulse" />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="rounded-card bg-surface-border h-24 animate-pulse" />
        ))}
      </div>
      <div className="mt-section rounded-card bg-surface-border h-64 animate-pulse" />
    </div>
  );
}

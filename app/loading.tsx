// Shown while a page's server render is on its way: a skeleton the size of a page title
// and a few cards, so the content does not jump when it arrives.
export default function Loading() {
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

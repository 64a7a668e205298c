import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="rounded-card border-surface-border bg-surface p-card mx-auto max-w-md border text-center">
      <h1 className="mb-2 text-xl font-bold">Page not found</h1>
      <p className="text-ink-muted mb-4">There is no page at this address.</p>
      <Link href="/" className={buttonClass.primary}>
        Go to the dashboard
      </Link>
    </div>
  );
}

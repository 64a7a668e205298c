"use client";
// A page failed to render: say so in words and offer to try again.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="rounded-card border-danger-border bg-surface p-card mx-auto max-w-md border text-center">
      <h1 className="mb-2 text-xl font-bold">This page could not be loaded</h1>
      <p className="text-ink-muted mb-4">
        Something went wrong on our side or the server could not be reached. Your data is safe.
      </p>
      <div className="flex justify-center gap-2">
        <button type="button" className={buttonClass.primary} onClick={reset}>
          Try again
        </button>
        <Link href="/" className={buttonClass.secondary}>
          Go to the dashboard
        </Link>
      </div>
    </div>
  );
}

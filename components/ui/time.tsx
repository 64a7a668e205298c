"use client";
// A timestamp: UTC in the server render (so hydration matches), the viewer's zone after.
import { formatDateTime } from "@/components/data/format";
import { useHydrated } from "@/components/data/live";

export function Time({ iso }: { iso: string }) {
  const hydrated = useHydrated();
  return <time dateTime={iso}>{formatDateTime(iso, hydrated)}</time>;
}

"use client";
// App-wide SWR settings: poll every 4 s while the tab is visible (SWR pauses polling when
// the document is hidden and resumes on focus), never retry answers that are a "no", and
// report every poll to the live indicator.
import { SWRConfig } from "swr";
import { ApiError } from "@/components/data/fetcher";
import { reportOutage, reportSuccess } from "@/components/data/live";

const REFRESH_INTERVAL_MS = 4000;

export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <SWRConfig
      value={{
        refreshInterval: REFRESH_INTERVAL_MS,
        refreshWhenHidden: false,
        refreshWhenOffline: false,
        revalidateOnFocus: true,
        keepPreviousData: true,
        dedupingInterval: 1000,
        errorRetryInterval: REFRESH_INTERVAL_MS,
        shouldRetryOnError: (error: unknown) => !(error instanceof ApiError) || error.isOutage,
        onSuccess: () => reportSuccess(),
        onError: (error: unknown) => {
          if (!(error instanceof ApiError) || error.isOutage) reportOutage();
        },
      }}
    >
      {children}
    </SWRConfig>
  );
}

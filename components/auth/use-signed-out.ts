"use client";
// After this browser's session ended (sign out, sign out everywhere): forget every cached
// answer of the signed-in user and show the app as a visitor.
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { useSWRConfig } from "swr";

export function useSignedOut(): () => Promise<void> {
  const router = useRouter();
  const { mutate } = useSWRConfig();
  return useCallback(async () => {
    await mutate(() => true, undefined, { revalidate: false });
    router.push("/");
    router.refresh();
  }, [mutate, router]);
}

import { perRequestPage } from "@/components/layout/per-request-page";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/viewer";
import { AuthForm } from "@/components/auth/auth-form";
import { safeNext } from "@/components/auth/safe-next";

export const metadata: Metadata = { title: "Sign in" };

export default perRequestPage(async function LoginPage({ searchParams }: PageProps<"/login">) {
  const next = safeNext((await searchParams).next);
  if (await getViewer()) redirect(next);
  return (
    <div className="rounded-card border-surface-border bg-surface p-card mx-auto max-w-sm border">
      <h1 className="mb-4 text-2xl font-bold">Sign in</h1>
      <AuthForm mode="login" next={next} />
    </div>
  );
});

"use client";
// The signed-in user, their wallet balance (kept fresh by polling /api/me) and sign out;
// or the sign-in and register links for visitors.
import Link from "next/link";
import { useState } from "react";
import { useSignedOut } from "@/components/auth/use-signed-out";
import { useMe } from "@/components/data/hooks";
import { postJson } from "@/components/data/fetcher";
import { formatMoney } from "@/components/data/format";
import type { UserDto } from "@/components/data/types";

export function UserMenu({ user }: { user: UserDto | null }) {
  const { data } = useMe(user ? { user } : null);
  const signedOut = useSignedOut();
  const [signingOut, setSigningOut] = useState(false);
  const current = user ? (data?.user ?? user) : null;

  async function signOut() {
    setSigningOut(true);
    try {
      await postJson("/api/auth/logout");
    } finally {
      await signedOut();
      setSigningOut(false);
    }
  }

  if (!current) {
    return (
      <div className="flex items-center gap-2 text-sm">
        <Link
          href="/login"
          className="min-h-control rounded-control text-brand hover:bg-brand-light inline-flex items-center px-3 font-medium"
        >
          Sign in
        </Link>
        <Link
          href="/register"
          className="min-h-control rounded-control bg-brand hover:bg-brand-dark inline-flex items-center px-3 font-medium text-white"
        >
          Register
        </Link>
      </div>
    );
  }

  return (
    <div className="flex flex-wrap items-center justify-end gap-x-3 gap-y-1 text-sm">
      <span>
        <span className="sr-only">Signed in as </span>
        <strong className="font-semibold" data-testid="header-username">
          {current.username}
        </strong>
        {current.role !== "driver" && <span className="text-ink-muted"> ({current.role})</span>}
      </span>
      <Link
        href="/account"
        className="rounded-control bg-brand-light text-brand-dark px-2 py-1 font-medium tabular-nums hover:underline"
        data-testid="header-balance"
      >
        <span className="sr-only">Wallet balance: </span>
        {formatMoney(current.walletBalanceCents)}
      </Link>
      <button
        type="button"
        onClick={signOut}
        disabled={signingOut}
        className="min-h-control rounded-control border-surface-border hover:bg-surface-muted inline-flex items-center border px-3 font-medium disabled:opacity-60"
      >
        Sign out
      </button>
    </div>
  );
}

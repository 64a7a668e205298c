"use client";
// /users (staff): search by username or email (kept in the URL), balances, add balance;
// admins also change roles.
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { useUsers } from "@/components/data/hooks";
import { formatMoney } from "@/components/data/format";
import type { UserDto, UserList } from "@/components/data/types";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { TopUpForm } from "@/components/account/top-up-form";
import { RoleSelect } from "@/components/users/role-select";

export function UsersView({
  q,
  fallback,
  canChangeRoles = false,
}: {
  q: string;
  fallback: UserList;
  /** The viewer is an admin. */
  canChangeRoles?: boolean;
}) {
  const { data = fallback } = useUsers(q, fallback);
  const router = useRouter();
  const pathname = usePathname();
  const [text, setText] = useState(q);
  const [pending, startTransition] = useTransition();
  const [topping, setTopping] = useState<UserDto | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  /** The row's latest data (the poll may have changed it while the dialog is open). */
  function current(user: UserDto): UserDto {
    return data.users.find((u) => u.id === user.id) ?? user;
  }

  function search(value: string, delay: number) {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const query = value.trim() ? `?q=${encodeURIComponent(value.trim())}` : "";
      startTransition(() => router.replace(`${pathname}${query}`, { scroll: false }));
    }, delay);
  }

  return (
    <div className="gap-section flex flex-col">
      <form
        role="search"
        aria-label="Search users"
        className="rounded-card border-surface-border bg-surface p-card border"
        onSubmit={(e) => {
          e.preventDefault();
          search(text, 0);
        }}
      >
        <Field label="Search by username or email">
          {(props) => (
            <input
              {...props}
              type="search"
              name="q"
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                search(e.target.value, 300);
              }}
              className={inputClass}
              autoComplete="off"
            />
          )}
        </Field>
      </form>
      <div aria-busy={pending} className={pending ? "opacity-60" : undefined}>
        <p role="status" className="text-ink-muted mb-2 text-sm">
          {data.total} user{data.total === 1 ? "" : "s"}
          {q && ` matching “${q}”`}
          {data.total > data.users.length && `, showing the first ${data.users.length}`}.
        </p>
        {data.users.length === 0 ? (
          <EmptyState>No user matches “{q}”. Try part of a username or email.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-2" aria-label="Users">
            {data.users.map((user) => (
              <li
                key={user.id}
                className="rounded-card border-surface-border bg-surface p-card flex flex-wrap items-center justify-between gap-3 border"
                data-testid="user-row"
                data-username={user.username}
              >
                <div className="min-w-0">
                  <p className="font-semibold">
                    {user.username}
                    {user.role !== "driver" && (
                      <span className="text-ink-muted ml-2 text-sm font-normal">{user.role}</span>
                    )}
                  </p>
                  <p className="text-ink-muted text-sm break-all">{user.email}</p>
                </div>
                <div className="flex flex-wrap items-center gap-3">
                  {canChangeRoles && <RoleSelect user={user} />}
                  <p className="text-right tabular-nums">
                    <span className="sr-only">Wallet balance: </span>
                    <span className="font-semibold" data-testid="user-balance">
                      {formatMoney(user.walletBalanceCents)}
                    </span>
                    {user.outstandingCents > 0 && (
                      <span
                        className="border-danger-border bg-danger-bg text-danger ml-2 rounded-full border px-2 py-0.5 text-sm font-semibold"
                        data-testid="user-owes"
                      >
                        owes {formatMoney(user.outstandingCents)}
                      </span>
                    )}
                  </p>
                  <button
                    type="button"
                    className={buttonClass.secondary}
                    onClick={() => setTopping(user)}
                    aria-label={`Add balance for ${user.username}`}
                  >
                    Add balance
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
      {topping && (
        <Dialog
          open
          onClose={() => setTopping(null)}
          title={`Add balance for ${topping.username}`}
          description={<ToppingDescription user={current(topping)} />}
        >
          <TopUpForm userId={topping.id} autoFocus />
          <button type="button" className={buttonClass.secondary} onClick={() => setTopping(null)}>
            Close
          </button>
        </Dialog>
      )}
    </div>
  );
}

/** What the top-up dialog tells staff first: the wallet, and any debt a top-up pays first. */
function ToppingDescription({ user }: { user: UserDto }) {
  return (
    <>
      <p>Their wallet holds {formatMoney(user.walletBalanceCents)}.</p>
      {user.outstandingCents > 0 && (
        <p className="text-danger mt-1 font-semibold" data-testid="top-up-owes">
          They owe {formatMoney(user.outstandingCents)} from earlier stays; a top-up pays that
          first, and only the rest goes to the wallet.
        </p>
      )}
    </>
  );
}

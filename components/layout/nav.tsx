"use client";
// Navigation by role: what a visitor, a driver, a staff member or an admin can open.
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import type { Role } from "@/components/data/types";
import { isStaffRole } from "@/lib/auth/roles";
import { LOCATION_PARAM, withLocation } from "@/lib/validation/location-choice";

type NavItem = { href: string; label: string; prefetch?: false };

function navItems(role: Role | null): NavItem[] {
  const common = [
    { href: "/", label: "Dashboard" },
    { href: "/slots", label: isStaffRole(role) ? "Slots" : "Find a slot" },
  ];
  if (isStaffRole(role)) {
    return [
      ...common,
      { href: "/reservations", label: "Reservations" },
      { href: "/gate", label: "Gate" },
      { href: "/users", label: "Users" },
      // Not prefetched: the charts page is heavy and staff open it rarely.
      { href: "/analytics", label: "Analytics", prefetch: false },
      { href: "/audit", label: "Audit log" },
      ...(role === "admin" ? [{ href: "/admin", label: "Admin" }] : []),
      { href: "/account", label: "Account" },
    ];
  }
  if (role === "driver") {
    return [
      ...common,
      { href: "/reservations", label: "My reservations" },
      { href: "/account", label: "Account" },
    ];
  }
  return common;
}

export function Nav({ role }: { role: Role | null }) {
  const pathname = usePathname();
  // Links keep the page's location choice (absent: the server's edge adds the
  // remembered one).
  const location = useSearchParams().get(LOCATION_PARAM);
  return (
    <nav aria-label="Main">
      <ul className="flex flex-wrap gap-1">
        {navItems(role).map((item) => {
          const current = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={location === null ? item.href : withLocation(item.href, location || null)}
                prefetch={item.prefetch}
                aria-current={current ? "page" : undefined}
                className={`min-h-control rounded-control inline-flex items-center px-3 text-sm font-medium ${
                  current
                    ? "bg-brand text-white"
                    : "text-ink hover:bg-brand-light hover:text-brand-dark"
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

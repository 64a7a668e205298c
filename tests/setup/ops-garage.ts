// A small garage for the operations tests (tests/ops): one location, one staff user working
// there and 24 drivers
// (tests/setup/ops-accounts.ts; empty wallets) and 40 slots on two floors, written through the
// domain where one exists (slots by staff, so the audit log starts with their creation).
// Seconds instead of the demo seed's tens of seconds and 60 days of history: these tests
// restart servers and check every row, and money enters only through the API they drive.
// Run: DATABASE_URL=file:… tsx --conditions=react-server tests/setup/ops-garage.ts
import { pathToFileURL } from "node:url";
import { db, transaction } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { createSlot } from "@/lib/slots/service";
import type { SlotType } from "@/lib/dto";
import { OPS_DRIVERS, OPS_PASSWORD, OPS_SLOT_COUNT, OPS_STAFF } from "./ops-accounts";

const TYPES: SlotType[] = ["regular", "regular", "regular", "electric", "vip", "handicap"];

async function buildGarage(): Promise<void> {
  if ((await db.user.count()) + (await db.parkingSlot.count()) > 0) {
    throw new Error("ops-garage: the database is not empty");
  }
  const passwordHash = await hashPassword(OPS_PASSWORD);
  const staff = await transaction(async (tx) => {
    const location = await tx.location.create({
      data: { slug: "ops", name: "Ops garage", address: "1 Ops Street", timeZone: "UTC" },
    });
    return tx.user.create({
      data: {
        username: OPS_STAFF,
        email: `${OPS_STAFF}@ops.example`,
        role: "staff",
        passwordHash,
        staffAssignments: { create: { locationId: location.id } },
      },
    });
  });
  await transaction((tx) =>
    tx.user.createMany({
      data: OPS_DRIVERS.map((username) => ({
        username,
        email: `${username}@ops.example`,
        passwordHash,
      })),
    }),
  );
  for (let i = 0; i < OPS_SLOT_COUNT; i++) {
    const floor = 1 + (i % 2);
    const type = TYPES[i % TYPES.length]!;
    await createSlot(
      { id: staff.id, role: "staff" },
      {
        slotNumber: `${floor}-O-${String(i + 1).padStart(3, "0")}`,
        floor,
        zone: "O",
        type,
        pricePerHourCents: 200 + 50 * (i % 7),
      },
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await buildGarage();
  await db.$disconnect();
}

// The demo network (../shared/API.md, "The demo seed creates …"): three garages of
// different sizes and rhythms in three time zones. Each rhythm runs on its garage's local
// clock (prisma/history.ts), so a London commuter peak is at 08:00 London time all year.
import type { SlotType } from "@/lib/dto";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { RHYTHMS, type Rhythm } from "@/prisma/history";

const BASE_PRICE_CENTS: Record<SlotType, number> = {
  regular: 300,
  handicap: 200,
  vip: 800,
  electric: 450,
};

type Layout = {
  floors: number[];
  zones: string[];
  slotsPerZone: number;
  /** Multiplies the base prices (a long stay costs less an hour than the city centre). */
  priceFactor: number;
  /** Bays closed for repairs: slot number → the reason drivers see. */
  closed: Record<string, string>;
};

export type DemoLocation = {
  slug: string;
  name: string;
  address: string;
  timeZone: string;
  requiresCheckIn: boolean;
  rhythm: Rhythm;
  layout: Layout;
  /** Share of bays taken by reservations running now: `base + scale × demand now`. */
  occupiedNow: { base: number; scale: number };
};

/** First, so that the city centre keeps the slot ids 1..120 of the one-garage demo. */
export const DEMO_LOCATIONS: readonly DemoLocation[] = [
  {
    slug: "city-centre",
    name: "City Centre Garage",
    address: "12 King Street, London EC2V 8AX",
    timeZone: "Europe/London",
    requiresCheckIn: false,
    rhythm: RHYTHMS.commuter,
    layout: {
      floors: [1, 2, 3],
      zones: ["A", "B", "C", "D"],
      slotsPerZone: 10,
      priceFactor: 1,
      closed: { "2-C-005": "Barrier repair", "3-B-007": "Resurfacing" },
    },
    occupiedNow: { base: 0.25, scale: 1.2 },
  },
  {
    slug: "riverside-mall",
    name: "Riverside Mall",
    address: "400 River Road, Hoboken, NJ 07030",
    timeZone: "America/New_York",
    requiresCheckIn: false,
    rhythm: RHYTHMS.shopping,
    layout: {
      floors: [1, 2],
      zones: ["A", "B", "C", "D"],
      slotsPerZone: 20,
      priceFactor: 0.6,
      closed: { "1-D-019": "Charger fault" },
    },
    occupiedNow: { base: 0.1, scale: 1.5 },
  },
  {
    slug: "airport-long-stay",
    name: "Airport Long Stay",
    address: "Long Stay Car Park P7, Airport Road, Berlin",
    timeZone: "Europe/Berlin",
    requiresCheckIn: true,
    rhythm: RHYTHMS.airport,
    layout: {
      floors: [1, 2],
      zones: ["A", "B", "C", "D", "E"],
      slotsPerZone: 20,
      priceFactor: 0.35,
      closed: {
        "1-E-004": "Drainage works",
        "1-E-005": "Drainage works",
        "2-A-012": "Lighting repair",
      },
    },
    occupiedNow: { base: 0.55, scale: 0 },
  },
];

function slotTypeFor(zone: string, index: number, perZone: number): SlotType {
  if (index === 0) return "handicap"; // nearest the lifts in every zone
  if (index >= perZone - Math.max(2, Math.round(perZone / 8))) return "electric"; // far wall
  if (zone === "A" && index <= 2) return "vip";
  return "regular";
}

export type DemoSlot = Omit<Prisma.ParkingSlotCreateManyInput, "locationId"> & {
  slotNumber: string;
  floorNumber: number;
  slotType: SlotType;
  pricePerHourCents: number;
  outOfService: boolean;
};

/** A location's bays: every zone on every floor, all four types. */
export function demoSlotsOf(location: DemoLocation): DemoSlot[] {
  const { floors, zones, slotsPerZone, priceFactor, closed } = location.layout;
  const top = Math.max(...floors);
  return floors.flatMap((floor) =>
    zones.flatMap((zone) =>
      Array.from({ length: slotsPerZone }, (_, index) => {
        const slotType = slotTypeFor(zone, index, slotsPerZone);
        const slotNumber = `${floor}-${zone}-${String(index + 1).padStart(3, "0")}`;
        const reason = closed[slotNumber] ?? null;
        return {
          slotNumber,
          floorNumber: floor,
          zone,
          slotType,
          // Lower floors cost more: 25 cents a level (before the location's factor).
          pricePerHourCents: Math.round(
            (BASE_PRICE_CENTS[slotType] + (top - floor) * 25) * priceFactor,
          ),
          outOfService: reason !== null,
          outOfServiceReason: reason,
        };
      }),
    ),
  );
}

/** The city-centre garage's 120 bays (other tests use them as a realistic garage). */
export function demoSlots(): DemoSlot[] {
  return demoSlotsOf(DEMO_LOCATIONS[0]!);
}

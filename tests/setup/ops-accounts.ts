// The accounts and slots of the operations tests' garage (tests/setup/ops-garage.ts
// writes them; tests/ops signs in with them).
export const OPS_PASSWORD = "parking-demo";
export const OPS_STAFF = "opsstaff";
export const OPS_DRIVERS = Array.from(
  { length: 24 },
  (_, i) => `opsdriver${String(i + 1).padStart(2, "0")}`,
);
export const OPS_SLOT_COUNT = 40;

// Response shapes of the gate routes, inferred from their response schemas (type-only
// imports: nothing server-side reaches the browser bundle).
import type { z } from "zod";
import type {
  CreatedGateKeyDto,
  GateEventDto,
  GateKeyDto,
  gateEventListSchema,
  gateKeyListSchema,
} from "@/lib/api-schemas/gate";

export type { CreatedGateKeyDto, GateEventDto, GateKeyDto };
export type GateEventList = z.infer<typeof gateEventListSchema>;
export type GateKeyList = z.infer<typeof gateKeyListSchema>;

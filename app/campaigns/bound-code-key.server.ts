// A campaign's bound-code key: 256 random bits from the platform CSPRNG, as the 64 hex digits
// the rules document stores (`boundKey` in @onecode/checkout-rules/rules). Server-only: the function never mints keys,
// and keeping node:crypto out of @onecode/checkout-rules/bound-code keeps it out of the function bundle.
import { randomBytes } from "node:crypto";

export function newBoundKey(): string {
  return randomBytes(32).toString("hex");
}

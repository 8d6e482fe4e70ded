import type { GrantedRole } from "../../db/schema/index.js";

export type Role = "resident" | GrantedRole;

/**
 * True when the member holds any of the required roles. Everyone is a resident; an admin may
 * do everything in their community.
 */
export function hasAnyRole(held: readonly GrantedRole[], required: readonly Role[]): boolean {
  if (required.length === 0 || required.includes("resident")) return true;
  if (held.includes("admin")) return true;
  return required.some((role) => role !== "resident" && held.includes(role));
}

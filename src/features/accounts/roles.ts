import { grantedRoles, type GrantedRole } from "../../db/schema/index.js";

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

export function isGrantedRole(value: string | undefined): value is GrantedRole {
  return (grantedRoles as readonly string[]).includes(value ?? "");
}

/** The locale key of a role's name, as people read it ("community staff"). */
export const roleNameKeys: Record<GrantedRole, string> = {
  volunteer: "role-volunteer",
  inspector: "role-inspector",
  staff: "role-staff",
  admin: "role-admin",
};

import { randomBytes } from "node:crypto";
import type { EmulatorState } from "../store/context";
import { StaffDirectory } from "./staff";

// What the auth part remembers beside the store's installations and access tokens: who is logged
// in to each shop's admin, outstanding authorization codes and refresh tokens. One per emulator
// state, so the token endpoint and the admin page share it without globals.

// Shopify does not publish a code lifetime; RFC 6749 §4.1.2 recommends at most 10 minutes.
export const AUTHORIZATION_CODE_TTL_MS = 10 * 60 * 1000;

export interface CodeGrant {
  shop: string;
  apiKey: string;
  scopes: string[];
  online: boolean;
  userId: string;
  expiresAt: number;
}

export interface RefreshGrant {
  shop: string;
  apiKey: string;
  expiresAt: number;
}

/** The auth side's own memory, beside the store's tokens and installations. */
export interface AuthState {
  staff: StaffDirectory;
  codes: Map<string, CodeGrant>;
  refreshTokens: Map<string, RefreshGrant>;
}

const byState = new WeakMap<EmulatorState, AuthState>();

export function authStateOf(state: EmulatorState): AuthState {
  let auth = byState.get(state);
  if (!auth) {
    auth = { staff: new StaffDirectory(), codes: new Map(), refreshTokens: new Map() };
    byState.set(state, auth);
  }
  return auth;
}

export function newAuthorizationCode(auth: AuthState, grant: CodeGrant): string {
  const code = randomBytes(16).toString("hex");
  auth.codes.set(code, grant);
  return code;
}

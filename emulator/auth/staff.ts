import { createHash, randomBytes } from "node:crypto";

// The staff member a demo merchant is implicitly logged in as, and their admin login session.
// Shopify gives every shop an account owner; the emulator logs the browser in as that owner.
// The user id is a plain integer string, as in a real session token's `sub` and an online
// token's `associated_user.id`.

export interface StaffUser {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  accountOwner: boolean;
  locale: string;
  collaborator: boolean;
  emailVerified: boolean;
}

export interface AdminLogin {
  user: StaffUser;
  /** The `sid` claim of every session token minted during this login. */
  sessionId: string;
}

/** Demo logins, one per shop, kept for the emulator's lifetime. */
export class StaffDirectory {
  private readonly logins = new Map<string, AdminLogin>();

  loginFor(shop: string): AdminLogin {
    let login = this.logins.get(shop);
    if (!login) {
      login = { user: ownerOf(shop), sessionId: randomBytes(32).toString("hex") };
      this.logins.set(shop, login);
    }
    return login;
  }

  userById(shop: string, userId: string): StaffUser | null {
    const login = this.logins.get(shop);
    return login && login.user.id === userId ? login.user : null;
  }
}

function ownerOf(shop: string): StaffUser {
  // Stable across restarts so online sessions stored by the app keep matching the same user.
  const digest = createHash("sha256").update(shop).digest();
  const id = (digest.readUInt32BE(0) % 900_000_000) + 100_000_000;
  const name = shop.replace(/\.myshopify\.com$/, "");
  return {
    id: String(id),
    firstName: "Demo",
    lastName: "Merchant",
    email: `owner@${name}.example`,
    accountOwner: true,
    locale: "en",
    collaborator: false,
    emailVerified: true,
  };
}

/**
 * The tests' accounts: the operators and SAM users every test emulator starts
 * with ({@link TEST_OPERATORS}), and the one TOTP setup (RFC 6238: SHA1, 6
 * digits, 30 s steps) their authenticator apps use. Tests import these to
 * sign in.
 *
 * @module
 */

import * as OTPAuth from "otpauth";
import type { OperatorSeed } from "../../src/emulator/seed.ts";
import type { FakeOpItem } from "../../scripts/fake_op.ts";

/** Who may switch into a SAM user: a root user of `operatorId` (password or AuthKey) when
 * `userName` is absent, otherwise that SAM user. */
export interface TrustedPrincipal {
  readonly operatorId: string;
  readonly userName?: string;
}

/** A root user, signing in with email and password. */
export interface RootAccount {
  readonly kind: "root";
  readonly email: string;
  readonly password: string;
  readonly operatorId: string;
  /** Base32 TOTP secret; present when MFA is on. */
  readonly mfaSecret?: string;
}

/** A SAM user, signing in with operator ID, user name and password. */
export interface SamAccount {
  readonly kind: "sam";
  readonly operatorId: string;
  readonly userName: string;
  readonly password: string;
  /** Base32 TOTP secret; present when MFA is on. */
  readonly mfaSecret?: string;
  /** The trust policy: who may switch into this user with `/auth/switch_user`. */
  readonly trustedBy?: readonly TrustedPrincipal[];
}

/** An operator (root) AuthKey. AuthKeys are never asked for an OTP. */
export interface AuthKeyAccount {
  readonly kind: "authKey";
  readonly authKeyId: string;
  readonly authKey: string;
  readonly operatorId: string;
}

/**
 * Root user of OP0012345678, no MFA.
 *
 * @example
 * ```ts ignore
 * const body = { email: root.email, password: root.password };
 * ```
 */
export const root = {
  kind: "root",
  email: "root@example.com",
  password: "root-Passw0rd",
  operatorId: "OP0012345678",
} as const satisfies RootAccount;

/**
 * Root user of OP0087654321 with MFA on.
 *
 * @example
 * ```ts ignore
 * const code = totpFor(rootMfa.mfaSecret, Date.now());
 * ```
 */
export const rootMfa = {
  kind: "root",
  email: "mfa-root@example.com",
  password: "mfa-root-Passw0rd",
  operatorId: "OP0087654321",
  mfaSecret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
} as const satisfies RootAccount;

/**
 * The main SAM user: OP0012345678 / power-sam-user, MFA on.
 *
 * @example
 * ```ts ignore
 * const body = { operatorId: sam.operatorId, userName: sam.userName, password: sam.password };
 * ```
 */
export const sam = {
  kind: "sam",
  operatorId: "OP0012345678",
  userName: "power-sam-user",
  password: "sam-Passw0rd",
  mfaSecret: "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU",
} as const satisfies SamAccount;

/**
 * A SAM user of OP0012345678 without MFA.
 *
 * @example
 * ```ts ignore
 * const body = { operatorId: samPlain.operatorId, userName: samPlain.userName, password: samPlain.password };
 * ```
 */
export const samPlain = {
  kind: "sam",
  operatorId: "OP0012345678",
  userName: "plain-user",
  password: "plain-Passw0rd",
} as const satisfies SamAccount;

/**
 * The root AuthKey of OP0012345678 (also the "production" key `sandbox init` accepts).
 *
 * @example
 * ```ts ignore
 * const body = { authKeyId: authKey.authKeyId, authKey: authKey.authKey };
 * ```
 */
export const authKey = {
  kind: "authKey",
  authKeyId: "keyId-0123456789abcdef",
  authKey: "secret-0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab",
  operatorId: "OP0012345678",
} as const satisfies AuthKeyAccount;

/**
 * A SAM user in another operator (OP0099999999 / switched-user). Its trust policy lets `sam` and the
 * root of OP0012345678 (`root` or `authKey`) switch into it. MFA is on for a direct sign-in; switching
 * needs no OTP.
 *
 * @example
 * ```ts ignore
 * const body = { operatorId: switchTarget.operatorId, userName: switchTarget.userName };
 * ```
 */
export const switchTarget = {
  kind: "sam",
  operatorId: "OP0099999999",
  userName: "switched-user",
  password: "switched-Passw0rd",
  mfaSecret: "MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK",
  trustedBy: [
    { operatorId: "OP0012345678", userName: "power-sam-user" },
    { operatorId: "OP0012345678" },
  ],
} as const satisfies SamAccount;

/**
 * Every fixed account by name.
 *
 * @example
 * ```ts ignore
 * const secret = accounts.sam.mfaSecret;
 * ```
 */
export const accounts = { root, rootMfa, sam, samPlain, authKey, switchTarget } as const;

/** The names of the fixed accounts that have MFA on. `samMfa` is another name for `sam`. */
export type MfaAccountName = "rootMfa" | "sam" | "samMfa" | "switchTarget";

/**
 * The TOTP secret of an MFA account.
 *
 * @example
 * ```ts ignore
 * const secret = mfaSecretOf("samMfa"); // same as sam.mfaSecret
 * ```
 */
export function mfaSecretOf(name: MfaAccountName): string {
  switch (name) {
    case "rootMfa":
      return rootMfa.mfaSecret;
    case "sam":
    case "samMfa":
      return sam.mfaSecret;
    case "switchTarget":
      return switchTarget.mfaSecret;
  }
}

function totpOf(secret: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    algorithm: "SHA1",
    digits: 6,
    period: 30,
  });
}

/**
 * The RFC 6238 code (SHA1, 6 digits, 30 s) for a base32 secret at a given time.
 *
 * @example
 * ```ts ignore
 * const code = totpFor(sam.mfaSecret, Date.now()); // e.g. "492039"
 * ```
 */
export function totpFor(secret: string, timeMs: number): string {
  return totpOf(secret).generate({ timestamp: timeMs });
}

/**
 * Whether `code` is valid for `secret` at `timeMs`, allowing one 30 s step either side.
 *
 * @example
 * ```ts ignore
 * const ok = totpAccepts(sam.mfaSecret, totpFor(sam.mfaSecret, t), t); // true
 * ```
 */
export function totpAccepts(secret: string, code: string, timeMs: number): boolean {
  return totpOf(secret).validate({ token: code, timestamp: timeMs, window: 1 }) !== null;
}

/**
 * The operators of a test emulator, made of the accounts above: OP0012345678 (root, its
 * AuthKey, sam with MFA, samPlain; the seeded SIMs are its), OP0087654321 (root with MFA) and
 * OP0099999999 (switchTarget, which sam and the root of OP0012345678 may switch into).
 */
export const TEST_OPERATORS: readonly OperatorSeed[] = [
  {
    operatorId: root.operatorId,
    email: root.email,
    password: root.password,
    authKeys: [{ authKeyId: authKey.authKeyId, authKey: authKey.authKey }],
    users: [
      { userName: sam.userName, password: sam.password, mfaSecret: sam.mfaSecret },
      { userName: samPlain.userName, password: samPlain.password },
    ],
  },
  {
    operatorId: rootMfa.operatorId,
    email: rootMfa.email,
    password: rootMfa.password,
    mfaSecret: rootMfa.mfaSecret,
  },
  {
    operatorId: switchTarget.operatorId,
    email: "switch-root@example.com",
    password: "switch-root-Passw0rd",
    users: [{
      userName: switchTarget.userName,
      password: switchTarget.password,
      mfaSecret: switchTarget.mfaSecret,
      trustedBy: switchTarget.trustedBy,
    }],
  },
];

/** The tests' items in the stand-in `op`: the MFA SAM user, the plain one, the MFA root. */
export const TEST_OP_ITEMS: Readonly<Record<string, FakeOpItem>> = {
  "soracom-power-sam-user": { username: sam.userName, ...sam },
  "soracom-plain-user": { username: samPlain.userName, ...samPlain },
  "soracom-root": { username: rootMfa.email, ...rootMfa },
};

/**
 * The accounts the scripts' emulators start with (the demo, the benchmark, the
 * smoke test): the emulator's own operator (its AuthKey) with a SAM user who
 * has MFA on, kept in a stand-in 1Password, and a SAM user of a customer's
 * operator that both may switch into. Made-up credentials for a local
 * emulator; nothing here works anywhere else.
 *
 * @module
 */

import { DEFAULT_OPERATOR, type OperatorSeed } from "../src/emulator/seed.ts";
import type { FakeOpItem } from "./fake_op.ts";

/** The operator that owns the SIMs. */
export const HOME_OPERATOR_ID: string = DEFAULT_OPERATOR.operatorId;

/** Its AuthKey, as a profile holds it. */
export const AUTH_KEY_PROFILE: { authKeyId: string; authKey: string } = {
  authKeyId: DEFAULT_OPERATOR.authKeys![0].authKeyId,
  authKey: DEFAULT_OPERATOR.authKeys![0].authKey,
};

/** The SAM user with MFA, as its password manager item holds it. */
export const MFA_USER = {
  userName: "power-sam-user",
  password: "power-sam-Passw0rd",
  mfaSecret: "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU",
} as const;

/** The switch-user target: a SAM user of a customer's operator. */
export const CUSTOMER = { operatorId: "OP0099999999", userName: "switched-user" } as const;

/** The operators of the scripts' emulators. */
export const SCRIPT_OPERATORS: readonly OperatorSeed[] = [
  { ...DEFAULT_OPERATOR, users: [MFA_USER] },
  {
    operatorId: CUSTOMER.operatorId,
    email: "customer@example.com",
    password: "customer-Passw0rd",
    users: [{
      userName: CUSTOMER.userName,
      trustedBy: [
        { operatorId: HOME_OPERATOR_ID, userName: MFA_USER.userName },
        { operatorId: HOME_OPERATOR_ID },
      ],
    }],
  },
];

/** The stand-in 1Password's item for the SAM user with MFA. */
export const SCRIPT_OP_ITEMS: Readonly<Record<string, FakeOpItem>> = {
  "soracom-power-sam-user": {
    username: MFA_USER.userName,
    password: MFA_USER.password,
    operatorId: HOME_OPERATOR_ID,
    mfaSecret: MFA_USER.mfaSecret,
  },
};

/** A switch-user profile on top of `sourceProfile`, into the customer's SAM user. */
export function switchProfile(sourceProfile: string): Record<string, string> {
  return { sourceProfile, operatorId: CUSTOMER.operatorId, username: CUSTOMER.userName };
}

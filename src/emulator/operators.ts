/**
 * The operator (root user): its details, its password, its AuthKeys, and MFA,
 * which a root user and a SAM user turn on alike: enabling gives an
 * `otpauth://` URI with a new secret, and MFA is on once a code of that secret
 * is verified (the root user then gets backup codes); from then on a password
 * sign-in needs a code.
 *
 * @module
 */

import { type Call, empty, type Handlers, ok, type Reply } from "./call.ts";
import type { Out } from "./json_out.ts";
import { bodyText } from "./call.ts";
import { ApiError, notFound } from "./errors.ts";
import { newTotpSecret, totpAccepts, totpUri } from "./totp.ts";
import type { World } from "./world.ts";
import type { AuthKeyRecord, MfaRecord, OperatorRecord } from "./world_data.ts";

/** Someone MFA is turned on for: a root user or a SAM user. */
export interface MfaOwner {
  /** Its MFA, once started. */
  mfa?: MfaRecord;
}

/** Starts turning MFA on: a new secret, to verify with one of its codes. */
export function enableMfa(owner: MfaOwner, account: string, world: World): Reply {
  if (owner.mfa?.status === "on") {
    throw new ApiError("mfaState", (w) => w.mfaState(w.mfaStates.on));
  }
  // From the seed, as every ID is: two emulators started alike give the same secrets.
  const random = world.random("totp", world.newId("mfa"));
  const secret = newTotpSecret(Uint8Array.from({ length: 20 }, () => random.int(0, 255)));
  owner.mfa = { status: "pending", secret };
  world.changed();
  return ok({ totpUri: totpUri(secret, account) });
}

/** Turns MFA on when the code is one of the new secret's. */
export async function verifyMfa(owner: MfaOwner, call: Call): Promise<string[]> {
  const mfa = owner.mfa;
  if (mfa === undefined) throw new ApiError("mfaState", (w) => w.mfaState(w.mfaStates.pending));
  if (mfa.status === "on") throw new ApiError("mfaState", (w) => w.mfaState(w.mfaStates.on));
  const code = bodyText(call, "mfaOTPCode") ?? "";
  // A wrong code here is a bad request (the API lists 400), not a failed sign-in.
  if (!await totpAccepts(mfa.secret, code, call.now)) {
    throw new ApiError("mfaInvalid", undefined, { status: 400 });
  }
  const random = call.world.random("backup", call.world.newId("backup"));
  const backupCodes = Array.from({ length: 10 }, () => random.digits(8));
  owner.mfa = { status: "on", secret: mfa.secret, backupCodes };
  call.world.changed();
  return backupCodes;
}

/** What the MFA status API says. */
export function mfaStatus(owner: MfaOwner): Reply {
  return ok({ status: owner.mfa?.status === "on" ? "ACTIVE" : "INACTIVE" });
}

/** An AuthKey as lists show it (never its secret). */
export function authKeyView(k: AuthKeyRecord): Out {
  return {
    authKeyId: k.authKeyId,
    createDateTime: k.createdTime,
    lastUsedDateTime: k.lastUsedTime,
  };
}

/** A new AuthKey pair. */
export function newAuthKey(world: World, now: number): AuthKeyRecord {
  const authKeyId = world.newId("authKey");
  const authKey = `secret-${world.random("secret", authKeyId).text(64)}`;
  return { authKeyId, authKey, createdTime: now };
}

/** The AuthKeys without the one the path names (a 404 when there is none). */
export function withoutAuthKey(keys: AuthKeyRecord[], call: Call): AuthKeyRecord[] {
  const id = call.path.auth_key_id ?? "";
  if (!keys.some((k) => k.authKeyId === id)) throw notFound("authKey", id);
  return keys.filter((k) => k.authKeyId !== id);
}

function dateText(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function operatorOf(call: Call): OperatorRecord {
  return call.world.operator(call.path.operator_id);
}

/** Changes a root user's or SAM user's password, given the current one. */
export function updatePassword(owner: { password?: string }, call: Call): Reply {
  if (owner.password === undefined || bodyText(call, "currentPassword") !== owner.password) {
    throw new ApiError("authFailed");
  }
  owner.password = bodyText(call, "newPassword");
  call.world.changed();
  return empty(call.facts.status);
}

/** The handlers of the operator. */
export const OPERATOR_HANDLERS: Handlers = {
  getOperator: (call) => {
    const o = operatorOf(call);
    return ok({
      operatorId: o.operatorId,
      rootOperatorId: o.operatorId,
      email: o.email,
      description: "",
      createDate: dateText(o.createdTime),
      updateDate: dateText(o.createdTime),
    });
  },
  updateOperatorPassword: (call) => updatePassword(operatorOf(call), call),
  enableMFA: (call) => {
    const o = operatorOf(call);
    return enableMfa(o, o.email, call.world);
  },
  verifyMFA: async (call) => ok({ backupCodes: await verifyMfa(operatorOf(call), call) }),
  revokeMFA: (call) => {
    const o = operatorOf(call);
    if (bodyText(call, "password") !== o.password) throw new ApiError("authFailed");
    o.mfa = undefined;
    call.world.changed();
    return empty(call.facts.status);
  },
  getMFAStatus: (call) => mfaStatus(operatorOf(call)),
  generateOperatorAuthKey: (call) => {
    const o = operatorOf(call);
    const key = newAuthKey(call.world, call.now);
    o.authKeys.push(key);
    return ok({ authKeyId: key.authKeyId, authKey: key.authKey }, call.facts.status);
  },
  listOperatorAuthKeys: (call) => ok(operatorOf(call).authKeys.map(authKeyView)),
  deleteOperatorAuthKey: (call) => {
    const o = operatorOf(call);
    o.authKeys = withoutAuthKey(o.authKeys, call);
    call.world.changed();
    return empty(call.facts.status);
  },
};

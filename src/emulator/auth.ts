/**
 * Signing in and out: `POST /auth` with an AuthKey (never asked for a code),
 * a root user's email and password, or a SAM user's operator ID, name and
 * password, each asking for a one-time code when MFA is on (`AUM0063` without
 * one, `AUM0064` for a wrong one); switch user by the target's trust policy;
 * renewing a token; logout; and the API Sandbox's new operators.
 *
 * @module
 */

import { type Call, empty, type Handlers, ok } from "./call.ts";
import { bodyNumber, bodyText } from "./call.ts";
import { ApiError } from "./errors.ts";
import { statementsOf } from "./access.ts";
import type { Out } from "./json_out.ts";
import type { Principal } from "./sessions.ts";
import { totpAccepts } from "./totp.ts";
import type { World } from "./world.ts";
import type { MfaRecord, OperatorRecord, SessionRecord, UserRecord } from "./world_data.ts";

/** A day: a token's life unless the request asks otherwise. */
const DEFAULT_TOKEN_SECONDS = 86_400;
/** An hour: a switched user's token, unless asked otherwise. */
const DEFAULT_SWITCH_SECONDS = 3_600;

/** The AuthResponse body of a session. */
export function authResponse(session: SessionRecord): Out {
  return {
    apiKey: session.apiKey,
    token: session.token,
    operatorId: session.operatorId,
    userName: session.userName,
  };
}

/** The operator or SAM user one of whose AuthKeys this is. */
function byAuthKey(world: World, id?: string, secret?: string): Principal | undefined {
  for (const operator of world.data.operators) {
    const key = operator.authKeys.find((k) => k.authKeyId === id && k.authKey === secret);
    if (key !== undefined) {
      key.lastUsedTime = world.now();
      return { operatorId: operator.operatorId, authKeyId: key.authKeyId };
    }
    for (const user of operator.users) {
      const own = user.authKeys.find((k) => k.authKeyId === id && k.authKey === secret);
      if (own !== undefined) {
        own.lastUsedTime = world.now();
        return { operatorId: operator.operatorId, userName: user.userName, authKeyId: id };
      }
    }
  }
  return undefined;
}

/** Who the password credentials name, and their MFA, or a 401. */
function byPassword(world: World, call: Call): { principal: Principal; mfa?: MfaRecord } {
  const password = bodyText(call, "password");
  const email = bodyText(call, "email");
  if (email !== undefined) {
    const root = world.data.operators.find((o) => o.email === email && o.password === password);
    if (root === undefined) throw new ApiError("authFailed");
    return { principal: { operatorId: root.operatorId }, mfa: root.mfa };
  }
  const operator = world.data.operators.find((o) => o.operatorId === bodyText(call, "operatorId"));
  const user = operator?.users.find((u) =>
    u.userName === bodyText(call, "userName") && u.password !== undefined && u.password === password
  );
  if (operator === undefined || user === undefined) throw new ApiError("authFailed");
  return { principal: { operatorId: operator.operatorId, userName: user.userName }, mfa: user.mfa };
}

async function requireCode(call: Call, mfa: MfaRecord | undefined): Promise<void> {
  if (mfa?.status !== "on") return;
  const code = bodyText(call, "mfaOTPCode");
  if (!code) throw new ApiError("mfaRequired");
  const backup = mfa.backupCodes?.indexOf(code) ?? -1;
  if (backup >= 0) {
    mfa.backupCodes?.splice(backup, 1);
    call.world.changed();
    return;
  }
  if (!await totpAccepts(mfa.secret, code, call.now)) throw new ApiError("mfaInvalid");
}

async function signIn(call: Call) {
  const world = call.world;
  const seconds = bodyNumber(call, "tokenTimeoutSeconds") ?? DEFAULT_TOKEN_SECONDS;
  if (seconds < 1) {
    throw new ApiError("badRequest", (w) => w.problems.range("tokenTimeoutSeconds", ">= 1"));
  }
  let principal: Principal;
  if (bodyText(call, "authKeyId") !== undefined || bodyText(call, "authKey") !== undefined) {
    const found = byAuthKey(world, bodyText(call, "authKeyId"), bodyText(call, "authKey"));
    if (found === undefined) throw new ApiError("authFailed");
    principal = found;
  } else {
    const found = byPassword(world, call);
    await requireCode(call, found.mfa);
    principal = found.principal;
  }
  world.changed();
  return ok(authResponse(world.sessions.issue(principal, seconds)));
}

/** The SRN a trust policy names the caller by. */
function srnOf(session: SessionRecord): string {
  return session.userName === undefined
    ? `srn:soracom:${session.operatorId}::Operator:${session.operatorId}`
    : `srn:soracom:${session.operatorId}::User:${session.userName}`;
}

/** Whether `user`'s trust policy lets the caller in. */
function trusts(user: UserRecord, caller: SessionRecord): boolean {
  if (user.trustPolicy === undefined) return false;
  const srn = srnOf(caller);
  return statementsOf(user.trustPolicy).some((s) => {
    const principal = (s as { principal?: { soracom?: unknown } }).principal?.soracom;
    const named = Array.isArray(principal) ? principal : [principal];
    return (s as { effect?: unknown }).effect === "allow" && named.includes(srn);
  });
}

function switchUser(call: Call) {
  const world = call.world;
  const operatorId = bodyText(call, "operatorId") ?? "";
  const userName = bodyText(call, "userName") ?? "";
  const target: OperatorRecord | undefined = world.data.operators.find((o) =>
    o.operatorId === operatorId
  );
  const user = target?.users.find((u) => u.userName === userName);
  if (user === undefined || !trusts(user, call.session!)) {
    throw new ApiError("switchNotAllowed", (w) => w.switchNotAllowed(`${operatorId}/${userName}`));
  }
  const seconds = bodyNumber(call, "tokenTimeoutSeconds") ?? DEFAULT_SWITCH_SECONDS;
  world.changed();
  return ok(authResponse(world.sessions.issue({ operatorId, userName }, seconds)));
}

function renewToken(call: Call) {
  const seconds = bodyNumber(call, "tokenTimeoutSeconds") ?? DEFAULT_TOKEN_SECONDS;
  call.world.changed();
  return ok({ token: call.world.sessions.renew(call.session!, seconds) });
}

function logout(call: Call) {
  const apiKey = call.session!.apiKey;
  call.world.sessions.revoke((s) => s.apiKey === apiKey);
  call.world.changed();
  return empty();
}

/** Ends every session of the operator's root (or of one SAM user). */
function revokeTokens(call: Call) {
  const { operator_id: operatorId, user_name: userName } = call.path;
  call.world.sessions.revoke((s) => s.operatorId === operatorId && s.userName === userName);
  call.world.changed();
  return empty();
}

/** API Sandbox: a new operator, proven by an AuthKey this emulator knows. */
function sandboxInit(call: Call) {
  const world = call.world;
  if (byAuthKey(world, bodyText(call, "authKeyId"), bodyText(call, "authKey")) === undefined) {
    throw new ApiError("sandboxAuthKeyInvalid");
  }
  const email = bodyText(call, "email") ?? "";
  if (world.data.operators.some((o) => o.email === email)) {
    throw new ApiError("sandboxEmailTaken", (w) => w.sandboxEmailTaken(email));
  }
  const operatorId = world.newId("operator");
  world.data.operators.push({
    operatorId,
    email,
    password: bodyText(call, "password") ?? "",
    createdTime: call.now,
    authKeys: [],
    users: [],
    roles: [],
  });
  world.changed();
  return ok(authResponse(world.sessions.issue({ operatorId }, DEFAULT_TOKEN_SECONDS)), 201);
}

function signupToken(call: Call) {
  if (byAuthKey(call.world, bodyText(call, "authKeyId"), bodyText(call, "authKey")) === undefined) {
    throw new ApiError("sandboxAuthKeyInvalid");
  }
  return ok({ token: `signup-${call.world.random("signup", call.path.email ?? "").text(24)}` });
}

function sandboxDeleteOperator(call: Call) {
  const world = call.world;
  const operatorId = call.path.operator_id;
  world.operator(operatorId);
  world.data.operators = world.data.operators.filter((o) => o.operatorId !== operatorId);
  world.sessions.revoke((s) => s.operatorId === operatorId);
  world.changed();
  return empty(200);
}

/** The handlers of signing in and out. */
export const AUTH_HANDLERS: Handlers = {
  auth: signIn,
  switchUser,
  logout,
  generateAuthToken: renewToken,
  revokeOperatorAuthTokens: revokeTokens,
  revokeUserAuthTokens: revokeTokens,
  sandboxInitializeOperator: sandboxInit,
  sandboxGetSignupToken: signupToken,
  sandboxDeleteOperator,
};

/**
 * SAM: users (create, list, get, update, delete), their passwords, AuthKeys,
 * MFA, permissions and trust policies; roles (create, list, get, update,
 * delete, attach, detach); and the operator's default permissions. What they
 * say is what the emulator checks a SAM user's requests against.
 *
 * @module
 */

import { type Call, empty, type Handler, type Handlers, ok } from "./call.ts";
import { bodyText } from "./call.ts";
import { statementsOf } from "./access.ts";
import { alreadyExists, ApiError, badRequest, notFound } from "./errors.ts";
import type { Out } from "./json_out.ts";
import {
  authKeyView,
  enableMfa,
  mfaStatus,
  newAuthKey,
  updatePassword,
  verifyMfa,
  withoutAuthKey,
} from "./operators.ts";
import type { OperatorRecord, RoleRecord, UserRecord } from "./world_data.ts";

function operatorOf(call: Call): OperatorRecord {
  return call.world.operator(call.path.operator_id);
}

function userOf(call: Call): UserRecord {
  return call.world.user(call.path.operator_id, call.path.user_name);
}

function roleOf(call: Call, roleId = call.path.role_id ?? ""): RoleRecord {
  const role = operatorOf(call).roles.find((r) => r.roleId === roleId);
  if (role === undefined) throw notFound("role", roleId);
  return role;
}

function roleBrief(r: RoleRecord): Out {
  return {
    roleId: r.roleId,
    roleName: r.roleId,
    description: r.description,
    owner: "operator",
    createDateTime: r.createdTime,
    updateDateTime: r.updatedTime,
  };
}

function roleView(r: RoleRecord): Out {
  return { ...(roleBrief(r) as Record<string, Out>), permission: r.permission };
}

function userView(call: Call, u: UserRecord): Out {
  const roles = operatorOf(call).roles.filter((r) => u.roles.includes(r.roleId));
  return {
    userName: u.userName,
    description: u.description,
    hasPassword: u.password !== undefined,
    permission: u.permission,
    authKeyList: u.authKeys.map(authKeyView),
    roleList: roles.map(roleBrief),
    createDateTime: u.createdTime,
    updateDateTime: u.updatedTime,
  };
}

/** A permission or trust policy document: JSON with a list of statements, or a 400. */
function documentIn(call: Call, field: string): string {
  const doc = bodyText(call, field) ?? "";
  let parsed: unknown;
  try {
    parsed = JSON.parse(doc);
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray((parsed as { statements?: unknown })?.statements) ||
    statementsOf(doc).length === 0
  ) {
    throw badRequest((w) => w.problems.type(field, "a JSON document with statements"));
  }
  return doc;
}

/** A handler that changes the SAM user the path names, then answers with nothing. */
function changingUser(change: (user: UserRecord, call: Call) => void): Handler {
  return (call) => {
    const user = userOf(call);
    change(user, call);
    user.updatedTime = call.now;
    call.world.changed();
    return empty(call.facts.status);
  };
}

function createUser(call: Call) {
  const operator = operatorOf(call);
  const userName = call.path.user_name;
  if (operator.users.some((u) => u.userName === userName)) throw alreadyExists("user", userName);
  operator.users.push({
    userName,
    description: bodyText(call, "description"),
    createdTime: call.now,
    updatedTime: call.now,
    roles: [],
    authKeys: [],
  });
  call.world.changed();
  return empty(call.facts.status);
}

function deleteUser(call: Call) {
  const operator = operatorOf(call);
  const user = userOf(call);
  operator.users = operator.users.filter((u) => u !== user);
  call.world.sessions.revoke((s) =>
    s.operatorId === operator.operatorId && s.userName === user.userName
  );
  call.world.changed();
  return empty(call.facts.status);
}

const USER_HANDLERS: Handlers = {
  createUser,
  listUsers: (call) => ok(operatorOf(call).users.map((u) => userView(call, u))),
  getUser: (call) => ok(userView(call, userOf(call))),
  updateUser: changingUser((u, call) => void (u.description = bodyText(call, "description"))),
  deleteUser,
  createUserPassword: changingUser((u, call) => void (u.password = bodyText(call, "password"))),
  updateUserPassword: (call) => updatePassword(userOf(call), call),
  deleteUserPassword: changingUser((u) => {
    if (u.password === undefined) throw notFound("password", u.userName);
    u.password = undefined;
  }),
  hasUserPassword: (call) => ok({ hasPassword: userOf(call).password !== undefined }),
  getUserPermission: (call) => ok({ permission: userOf(call).permission ?? "" }),
  updateUserPermission: changingUser((u, call) =>
    void (u.permission = documentIn(call, "permission"))
  ),
  deleteUserPermission: changingUser((u) => void (u.permission = undefined)),
  getUserTrustPolicy: (call) => ok({ trustPolicy: userOf(call).trustPolicy }),
  updateUserTrustPolicy: changingUser((u, call) =>
    void (u.trustPolicy = documentIn(call, "trustPolicy"))
  ),
  deleteUserTrustPolicy: changingUser((u) => void (u.trustPolicy = undefined)),
  enableUserMFA: (call) =>
    enableMfa(userOf(call), `${call.path.operator_id}/${call.path.user_name}`, call.world),
  verifyUserMFA: async (call) => {
    await verifyMfa(userOf(call), call);
    return empty(call.facts.status);
  },
  revokeUserMFA: changingUser((u) => void (u.mfa = undefined)),
  getUserMFAStatus: (call) => mfaStatus(userOf(call)),
  generateUserAuthKey: (call) => {
    const key = newAuthKey(call.world, call.now);
    userOf(call).authKeys.push(key);
    return ok({ authKeyId: key.authKeyId, authKey: key.authKey }, call.facts.status);
  },
  listUserAuthKeys: (call) => ok(userOf(call).authKeys.map(authKeyView)),
  getUserAuthKey: (call) => {
    const key = userOf(call).authKeys.find((k) => k.authKeyId === call.path.auth_key_id);
    if (key === undefined) throw notFound("authKey", call.path.auth_key_id);
    return ok(authKeyView(key));
  },
  deleteUserAuthKey: changingUser((u, call) =>
    void (u.authKeys = withoutAuthKey(u.authKeys, call))
  ),
};

function createRole(call: Call) {
  const operator = operatorOf(call);
  const roleId = call.path.role_id;
  if (operator.roles.some((r) => r.roleId === roleId)) throw alreadyExists("role", roleId);
  operator.roles.push({
    roleId,
    description: bodyText(call, "description"),
    permission: documentIn(call, "permission"),
    createdTime: call.now,
    updatedTime: call.now,
  });
  call.world.changed();
  return ok({ roleId }, call.facts.status);
}

const ROLE_HANDLERS: Handlers = {
  createRole,
  listRoles: (call) => ok(operatorOf(call).roles.map(roleBrief)),
  getRole: (call) => ok(roleView(roleOf(call))),
  updateRole: (call) => {
    const role = roleOf(call);
    role.permission = documentIn(call, "permission");
    role.description = bodyText(call, "description") ?? role.description;
    role.updatedTime = call.now;
    call.world.changed();
    return empty(call.facts.status);
  },
  deleteRole: (call) => {
    const operator = operatorOf(call);
    const role = roleOf(call);
    operator.roles = operator.roles.filter((r) => r !== role);
    for (const u of operator.users) u.roles = u.roles.filter((id) => id !== role.roleId);
    call.world.changed();
    return empty(call.facts.status);
  },
  listRoleAttachedUsers: (call) => {
    const role = roleOf(call);
    return ok(
      operatorOf(call).users.filter((u) => u.roles.includes(role.roleId)).map((u) =>
        userView(call, u)
      ),
    );
  },
  attachRole: changingUser((u, call) => {
    const role = roleOf(call, bodyText(call, "roleId") ?? "");
    if (!u.roles.includes(role.roleId)) u.roles = [...u.roles, role.roleId];
  }),
  detachRole: changingUser((u, call) => {
    if (!u.roles.includes(call.path.role_id)) throw notFound("role", call.path.role_id);
    u.roles = u.roles.filter((id) => id !== call.path.role_id);
  }),
  listUserRoles: (call) => {
    const user = userOf(call);
    return ok(operatorOf(call).roles.filter((r) => user.roles.includes(r.roleId)).map(roleView));
  },
};

const DEFAULT_PERMISSION_HANDLERS: Handlers = {
  getDefaultPermissions: (call) => {
    const doc = operatorOf(call).defaultPermissions;
    if (doc === undefined) {
      throw new ApiError("notFound", (w) => w.notFound(w.kinds.operator, "default permissions"));
    }
    return ok({ defaultPermissions: doc });
  },
  updateDefaultPermissions: (call) => {
    operatorOf(call).defaultPermissions = documentIn(call, "permissions");
    call.world.changed();
    return empty(call.facts.status);
  },
  deleteDefaultPermissions: (call) => {
    operatorOf(call).defaultPermissions = undefined;
    call.world.changed();
    return empty(call.facts.status);
  },
};

/** The handlers of SAM users, roles and default permissions. */
export const SAM_HANDLERS: Handlers = {
  ...USER_HANDLERS,
  ...ROLE_HANDLERS,
  ...DEFAULT_PERMISSION_HANDLERS,
};

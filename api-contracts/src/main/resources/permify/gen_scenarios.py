#!/usr/bin/env python3
"""Generates the `permify validate` scenario files in scenarios/.

Two independent things live here and must agree for the scenarios to pass:

* ``World.tuples()`` -- a reference implementation of the TUPLE MAPPING in docs/permissions.md
  (what the authorization saga writes for each domain event). The worlds below are built by
  replaying domain events, and the relationships in every scenario file come from it.
* ``World.server_perm`` / ``World.channel_perm`` -- a plain-Python reference implementation of
  the effective-permission algorithm (Discord's), written without looking at schema.perm.
  Every expected assertion value comes from it.

So `permify validate` checks schema.perm + tuple mapping against the algorithm.

Usage: python3 gen_scenarios.py [output-dir]   (default: scenarios/ beside this file)
Only the Python standard library is used. Output is deterministic.
"""
import itertools
import os
import sys

ALL = ["administrator", "manage_server", "manage_roles", "manage_channels", "view_channels",
       "manage_webhooks", "manage_nicknames", "change_nickname", "send_messages",
       "manage_messages", "attach_files", "manage_members", "manage_invites"]
# the seven permissions a channel overwrite may carry
OVERWRITABLE = ["view_channels", "send_messages", "attach_files", "manage_messages",
                "manage_channels", "manage_webhooks", "manage_roles"]
EVERYONE_DEFAULTS = {"view_channels", "send_messages", "attach_files", "change_nickname"}
SERVER_PERMS = ["view", "delete"] + ALL
# channel-level permission -> the domain permission an overwrite changes
CHANNEL_OW = {"view": "view_channels", "send": "send_messages", "attach_files": "attach_files",
              "manage_messages": "manage_messages", "manage_channel": "manage_channels",
              "manage_webhooks": "manage_webhooks", "manage_permissions": "manage_roles"}
CHANNEL_PERMS = list(CHANNEL_OW) + ["pin", "manage_recipients"]
SERVER_TYPES = {"text", "conference", "category"}


class World:
    """Domain state built from events, plus the legend (id -> human name)."""

    def __init__(self):
        self.servers, self.roles, self.channels = {}, {}, {}
        self.names = {}
        self.users = []

    # ---- naming ---------------------------------------------------------------------------
    def user(self, uid, name):
        self.names[("user", uid)] = name
        self.users.append(uid)
        return uid

    # ---- domain events (mirror the tuple-mapping table) -----------------------------------
    def server_created(self, sid, name, owner, everyone_rid, everyone_perms=EVERYONE_DEFAULTS):
        self.names[("server", sid)] = name
        self.servers[sid] = {"owner": owner, "members": {owner}, "muted": set(),
                             "everyone": everyone_rid}
        self.roles[everyone_rid] = {"server": sid, "perms": set(everyone_perms), "assignees": set()}
        self.names[("role", everyone_rid)] = f"{name}/@everyone"

    def member_joined(self, sid, uid):
        self.servers[sid]["members"].add(uid)

    def member_left(self, sid, uid):  # also Kicked / Banned
        s = self.servers[sid]
        s["members"].discard(uid)
        s["muted"].discard(uid)
        for r in self.roles.values():
            if r["server"] == sid:
                r["assignees"].discard(uid)

    def member_muted(self, sid, uid):
        self.servers[sid]["muted"].add(uid)

    def role_created(self, rid, sid, name, perms):
        self.names[("role", rid)] = name
        self.roles[rid] = {"server": sid, "perms": set(perms), "assignees": set()}

    def role_updated(self, rid, perms):
        self.roles[rid]["perms"] = set(perms)

    def role_assigned(self, rid, uid):
        self.roles[rid]["assignees"].add(uid)

    def channel_created(self, cid, sid, ctype, name, parent=None):
        self.names[("channel", cid)] = name
        self.channels[cid] = {"type": ctype, "server": sid, "parent": parent, "overwrites": {},
                              "recipients": set(), "senders": set(), "owner": None}

    def overwrite_set(self, cid, target_type, target_id, allow=(), deny=()):
        assert not set(allow) & set(deny), "the API rejects a permission in both allow and deny"
        assert set(allow) | set(deny) <= set(OVERWRITABLE)
        assert self.channels[cid]["type"] in SERVER_TYPES, "no overwrites on threads / dm / group"
        self.channels[cid]["overwrites"][(target_type, target_id)] = (set(allow), set(deny))

    def dm_created(self, cid, a, b, name):
        self.channel_created(cid, None, "dm", name)
        self.channels[cid]["recipients"] = {a, b}
        self.channels[cid]["senders"] = {a, b}

    def friend_removed(self, cid):
        self.channels[cid]["senders"] = set()

    def group_created(self, cid, owner, recipients, name):
        self.channel_created(cid, None, "group", name)
        members = {owner, *recipients}
        self.channels[cid].update(recipients=set(members), senders=set(members), owner=owner)

    def recipient_added(self, cid, uid):
        self.channels[cid]["recipients"].add(uid)
        self.channels[cid]["senders"].add(uid)

    def recipient_removed(self, cid, uid):
        c = self.channels[cid]
        c["recipients"].discard(uid)
        c["senders"].discard(uid)
        if c["owner"] == uid:
            c["owner"] = None

    # ---- the tuple mapping (reference saga) ------------------------------------------------
    def tuples(self):
        out = []
        for sid, s in self.servers.items():
            out.append(f"server:{sid}#owner@user:{s['owner']}")
            out += [f"server:{sid}#member@user:{u}" for u in sorted(s["members"])]
            out += [f"server:{sid}#muted@user:{u}" for u in sorted(s["muted"])]
        for rid, r in self.roles.items():
            sid = r["server"]
            out.append(f"role:{rid}#server@server:{sid}")
            if self.servers[sid]["everyone"] == rid:
                out.append(f"role:{rid}#assignee@server:{sid}#member")
            out += [f"role:{rid}#assignee@user:{u}" for u in sorted(r["assignees"])]
            out += [f"server:{sid}#grant_{p}@role:{rid}#assignee" for p in ALL if p in r["perms"]]
        for cid, c in self.channels.items():
            if c["type"] == "thread":
                out.append(f"channel:{cid}#parent@channel:{c['parent']}")
            elif c["type"] in SERVER_TYPES:
                out.append(f"channel:{cid}#server@server:{c['server']}")
                for (ttype, tid), (allow, deny) in c["overwrites"].items():
                    if ttype == "member":
                        tier, subject = "member", f"user:{tid}"
                    else:
                        everyone = self.servers[c["server"]]["everyone"] == tid
                        tier, subject = ("everyone" if everyone else "role"), f"role:{tid}#assignee"
                    for kind, perms in (("allow", allow), ("deny", deny)):
                        out += [f"channel:{cid}#{tier}_{kind}_{p}@{subject}"
                                for p in OVERWRITABLE if p in perms]
            else:
                out += [f"channel:{cid}#recipient@user:{u}" for u in sorted(c["recipients"])]
                out += [f"channel:{cid}#sender@user:{u}" for u in sorted(c["senders"])]
                if c["owner"] is not None:
                    out.append(f"channel:{cid}#owner@user:{c['owner']}")
        return out

    # ---- reference algorithm (Discord) -----------------------------------------------------
    def role_ids_of(self, uid, sid):
        s = self.servers[sid]
        return [rid for rid, r in self.roles.items() if r["server"] == sid and
                (rid == s["everyone"] or uid in r["assignees"])]

    def base(self, uid, sid):
        """Union of the member's role permissions (everyone role included)."""
        if uid not in self.servers[sid]["members"]:
            return set()
        perms = set()
        for rid in self.role_ids_of(uid, sid):
            perms |= self.roles[rid]["perms"]
        return perms

    def is_admin(self, uid, sid):
        s = self.servers[sid]
        return uid in s["members"] and (uid == s["owner"] or "administrator" in self.base(uid, sid))

    def server_perm(self, uid, sid, perm):
        s = self.servers[sid]
        if perm == "view":
            return uid in s["members"]
        if perm == "delete":
            return uid == s["owner"]
        return self.is_admin(uid, sid) or perm in self.base(uid, sid)

    def role_perm(self, uid, rid, perm):
        assert perm == "manage"
        return self.server_perm(uid, self.roles[rid]["server"], "manage_roles")

    def overwritten(self, uid, cid, perm):
        c = self.channels[cid]
        sid = c["server"]
        allowed = perm in self.base(uid, sid)
        everyone = self.servers[sid]["everyone"]
        ow = c["overwrites"]
        if ("role", everyone) in ow:
            allow, deny = ow[("role", everyone)]
            allowed = (allowed and perm not in deny) or perm in allow
        held = [r for r in self.role_ids_of(uid, sid) if r != everyone]
        role_deny = any(perm in ow[("role", r)][1] for r in held if ("role", r) in ow)
        role_allow = any(perm in ow[("role", r)][0] for r in held if ("role", r) in ow)
        allowed = (allowed and not role_deny) or role_allow
        if ("member", uid) in ow:
            allow, deny = ow[("member", uid)]
            allowed = (allowed and perm not in deny) or perm in allow
        return allowed

    def channel_perm(self, uid, cid, perm):
        c = self.channels[cid]
        if c["type"] == "thread":
            return self.channel_perm(uid, c["parent"], perm)
        if c["type"] in ("dm", "group"):
            if perm == "view":
                return uid in c["recipients"]
            if perm in ("send", "attach_files", "pin"):
                return uid in c["senders"]
            if perm in ("manage_channel", "manage_recipients"):
                return uid == c["owner"]
            return False
        if perm == "pin":
            return self.channel_perm(uid, cid, "manage_messages")
        if perm == "manage_recipients":
            return False
        sid = c["server"]
        s = self.servers[sid]
        if uid not in s["members"]:
            return False
        if self.is_admin(uid, sid):
            return True
        if not self.overwritten(uid, cid, "view_channels"):
            return False
        if perm == "view":
            return True
        muted = uid in s["muted"]
        if perm == "send":
            return self.overwritten(uid, cid, "send_messages") and not muted
        if perm == "attach_files":
            return (self.overwritten(uid, cid, "send_messages")
                    and self.overwritten(uid, cid, "attach_files") and not muted)
        return self.overwritten(uid, cid, CHANNEL_OW[perm])


# ---- YAML output ---------------------------------------------------------------------------
def q(s):
    return '"' + s + '"'


class Scenario:
    def __init__(self, name, description):
        self.name, self.description = name, description
        self.checks = []      # (entity, subject, [(perm, bool)])
        self.filters = []     # (entity_type, subject, [(perm, [ids])])
        self.subject_filters = []  # (entity, subject_reference, [(perm, [ids])])


def write_file(path, header, world, scenarios):
    lines = ["# GENERATED by ../gen_scenarios.py -- edit the generator, not this file.",
             "# Run with the permify directory as working directory (see ../validate.sh):",
             "# the schema path below is resolved against the working directory."]
    lines += ["# " + h for h in header]
    lines.append("#")
    lines.append("# Legend (ids are decimal snowflake strings in production):")
    for (etype, eid), name in sorted(world.names.items(), key=lambda kv: (kv[0][0], int(kv[0][1]))):
        lines.append(f"#   {etype}:{eid} = {name}")
    lines.append("schema: schema.perm")
    lines.append("relationships:")
    lines += [f"  - {q(t)}" for t in world.tuples()]
    lines.append("attributes: []")
    lines.append("scenarios:")
    count = 0
    for sc in scenarios:
        lines.append(f"  - name: {q(sc.name)}")
        lines.append(f"    description: {q(sc.description)}")
        lines.append("    checks:")
        for entity, subject, asserts in sc.checks:
            lines.append(f"      - entity: {q(entity)}")
            lines.append(f"        subject: {q(subject)}")
            lines.append("        assertions:")
            for perm, val in asserts:
                lines.append(f"          {perm}: {'true' if val else 'false'}")
                count += 1
        lines.append("    entity_filters:" + ("" if sc.filters else " []"))
        for etype, subject, asserts in sc.filters:
            lines.append(f"      - entity_type: {q(etype)}")
            lines.append(f"        subject: {q(subject)}")
            lines.append("        assertions:")
            for perm, ids in asserts:
                lines.append(f"          {perm}: [{', '.join(q(i) for i in sorted(ids, key=int))}]")
                count += 1
        lines.append("    subject_filters:" + ("" if sc.subject_filters else " []"))
        for entity, ref, asserts in sc.subject_filters:
            lines.append(f"      - subject_reference: {q(ref)}")
            lines.append(f"        entity: {q(entity)}")
            lines.append("        assertions:")
            for perm, ids in asserts:
                lines.append(f"          {perm}: [{', '.join(q(i) for i in sorted(ids, key=int))}]")
                count += 1
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return count


def server_checks(world, sc, sid, users):
    for u in users:
        sc.checks.append((f"server:{sid}", f"user:{u}",
                          [(p, world.server_perm(u, sid, p)) for p in SERVER_PERMS]))


def channel_checks(world, sc, cids, users, perms=CHANNEL_PERMS):
    for cid in cids:
        for u in users:
            sc.checks.append((f"channel:{cid}", f"user:{u}",
                              [(p, world.channel_perm(u, cid, p)) for p in perms]))


def channel_filter(world, sc, users, perms=("view",)):
    for u in users:
        sc.filters.append(("channel", f"user:{u}",
                           [(p, [c for c in world.channels if world.channel_perm(u, c, p)])
                            for p in perms]))


def subject_filter(world, sc, cids, perms=("view",)):
    """lookup-subject: who may view (send in) a channel -- the gateway's fan-out question."""
    for cid in cids:
        sc.subject_filters.append((f"channel:{cid}", "user",
                                   [(p, [u for u in world.users if world.channel_perm(u, cid, p)])
                                    for p in perms]))


def server_filter(world, sc, users):
    for u in users:
        sc.filters.append(("server", f"user:{u}",
                           [("view", [s for s in world.servers if world.server_perm(u, s, "view")])]))


# ---- the worlds ------------------------------------------------------------------------------
def server_permissions():
    w = World()
    owner = w.user("1001", "owner of server 2001")
    admin = w.user("1002", "member with an ADMINISTRATOR role")
    plain = w.user("1003", "plain member (everyone role only)")
    outsider = w.user("1004", "non-member")
    left = w.user("1005", "left server 2001 (held a MANAGE_SERVER role)")
    multi = w.user("1006", "member with two roles (MANAGE_ROLES + MANAGE_INVITES)")
    w.server_created("2001", "server with default everyone role", owner, "3001")
    w.server_created("2002", "server whose everyone role was emptied (RoleUpdated [])", "1001", "3002")
    w.role_updated("3002", [])
    for u in (admin, plain, left, multi):
        w.member_joined("2001", u)
    w.member_joined("2002", plain)
    w.member_joined("2002", admin)   # the admin role lives in 2001: no power in 2002
    w.role_created("3010", "2001", "admin role", ["administrator"])
    w.role_assigned("3010", admin)
    single = {}
    for i, p in enumerate(ALL[1:]):
        uid = w.user(str(1100 + i), f"member holding only a {p.upper()} role")
        rid = str(3100 + i)
        w.role_created(rid, "2001", f"{p} role", [p])
        w.member_joined("2001", uid)
        w.role_assigned(rid, uid)
        single[p] = uid
    w.role_assigned("3100", left)            # 3100 = manage_server role
    w.member_left("2001", left)              # leaving drops the membership and its roles
    w.role_created("3020", "2001", "roles role", ["manage_roles"])
    w.role_created("3021", "2001", "invites role", ["manage_invites"])
    w.role_assigned("3020", multi)
    w.role_assigned("3021", multi)
    users = [owner, admin, plain, outsider, left, multi] + list(single.values())

    s1 = Scenario("server-level permissions",
                  "all 13 permissions plus view/delete, allowed and denied, for owner, ADMINISTRATOR,"
                  " one single-permission role per permission, plain member and non-member")
    server_checks(w, s1, "2001", users)
    s2 = Scenario("emptied everyone role / roles do not cross servers",
                  "server 2002's everyone role has no permissions; 1002's admin role is from 2001")
    server_checks(w, s2, "2002", [owner, admin, plain, outsider])
    s3 = Scenario("role management", "role#manage follows server manage_roles")
    for rid in ("3001", "3010", "3020"):
        for u in (owner, admin, plain, multi, single["manage_roles"], outsider):
            s3.checks.append((f"role:{rid}", f"user:{u}", [("manage", w.role_perm(u, rid, "manage"))]))
    s4 = Scenario("list my servers", "lookup-entity server view = membership")
    server_filter(w, s4, [owner, admin, plain, outsider, left])
    return w, [s1, s2, s3, s4], ["Server-level permissions (server#<perm>, role#manage) and server lookup."]


def overwrite_matrix(perm):
    """Every overwrite combination for one overwritable permission.

    Channel i = (everyone tier, role tier, member tier). Everyone tier: none/allow/deny.
    Role tier: none / allow (role A) / deny (role A) / allow (role A) + deny (role B).
    Member tier: none / allow / deny, set for both test members.
    Users: base-yes (a role grants the permission), base-no, and an outsider-of-the-roles member
    who holds the base role but not A/B (role overwrites must not touch them).
    """
    w = World()
    owner = w.user("1001", "owner")
    yes = w.user("1002", f"base YES: holds role granting {perm.upper()}, roles A and B")
    no = w.user("1003", f"base NO: holds roles A and B only")
    bystander = w.user("1004", f"base YES, holds neither A nor B")
    w.server_created("2001", "overwrite matrix server", owner, "3001", everyone_perms=[])
    # the permissions that must be present for `perm` to be observable at all
    support = {"view_channels": ["send_messages"], "send_messages": ["view_channels"],
               "attach_files": ["view_channels", "send_messages"]}.get(perm, ["view_channels"])
    w.role_created("3002", "2001", "support role " + "+".join(support), support)
    w.role_created("3003", "2001", f"base role ({perm})", [perm])
    w.role_created("3004", "2001", "overwrite role A", [])
    w.role_created("3005", "2001", "overwrite role B", [])
    for u in (yes, no, bystander):
        w.member_joined("2001", u)
        w.role_assigned("3002", u)
    w.role_assigned("3003", yes)
    w.role_assigned("3003", bystander)
    for u in (yes, no):
        w.role_assigned("3004", u)
        w.role_assigned("3005", u)
    cids = []
    tiers = list(itertools.product(["none", "allow", "deny"],
                                   ["none", "allow", "deny", "allow+deny"],
                                   ["none", "allow", "deny"]))
    for i, (ev, rt, mt) in enumerate(tiers):
        cid = str(4001 + i)
        cids.append(cid)
        w.channel_created(cid, "2001", "text", f"everyone={ev} role={rt} member={mt}")
        if ev != "none":
            w.overwrite_set(cid, "role", "3001", **{ev: [perm]})
        if rt == "allow+deny":
            w.overwrite_set(cid, "role", "3004", allow=[perm])
            w.overwrite_set(cid, "role", "3005", deny=[perm])
        elif rt != "none":
            w.overwrite_set(cid, "role", "3004", **{rt: [perm]})
        if mt != "none":
            for u in (yes, no):
                w.overwrite_set(cid, "member", u, **{mt: [perm]})
    # allowing the permission is useless without VIEW (and, for attach_files, without SEND)
    gates = [] if perm == "view_channels" else ["view_channels"]
    if perm == "attach_files":
        gates.append("send_messages")
    for j, gate in enumerate(gates):
        cid = str(4101 + j)
        cids.append(cid)
        w.channel_created(cid, "2001", "text", f"everyone deny {gate}; role A and member allow {perm}")
        w.overwrite_set(cid, "role", "3001", deny=[gate])
        w.overwrite_set(cid, "role", "3004", allow=[perm])
        for u in (yes, no):
            w.overwrite_set(cid, "member", u, allow=[perm])
    sc = Scenario(f"overwrite matrix for {perm}",
                  "3 everyone x 4 role x 3 member tiers x base yes/no; all channel permissions")
    channel_checks(w, sc, cids, [owner, yes, no, bystander])
    sc2 = Scenario(f"list channels ({perm} matrix)", "lookup-entity channel view and send")
    channel_filter(w, sc2, [owner, yes, no, bystander], perms=("view", "send"))
    return w, [sc, sc2], [f"Every overwrite combination for {perm.upper()}."]


def channel_special():
    w = World()
    owner = w.user("1001", "owner")
    admin = w.user("1002", "ADMINISTRATOR role member")
    member = w.user("1003", "plain member")
    mod = w.user("1004", "member with the 'mods' role (role overwrites)")
    muted = w.user("1005", "muted plain member")
    muted_admin = w.user("1006", "muted ADMINISTRATOR")
    outsider = w.user("1007", "non-member with a member overwrite allowing view in #secret")
    vip = w.user("1008", "plain member with a member overwrite allowing view in #secret")
    banned = w.user("1009", "kicked/banned ex-member of the mods role")
    w.server_created("2001", "main server", owner, "3001")
    w.server_created("2002", "other server", outsider, "3009")
    w.role_created("3002", "2001", "admins", ["administrator"])
    w.role_created("3003", "2001", "mods", ["manage_messages"])
    for u in (admin, member, mod, muted, muted_admin, vip, banned):
        w.member_joined("2001", u)
    w.role_assigned("3002", admin)
    w.role_assigned("3002", muted_admin)
    w.role_assigned("3003", mod)
    w.role_assigned("3003", banned)
    w.member_left("2001", banned)
    w.member_muted("2001", muted)
    w.member_muted("2001", muted_admin)
    w.channel_created("4001", "2001", "text", "#general (no overwrites)")
    w.channel_created("4002", "2001", "text", "#secret (everyone deny view; mods allow view)")
    w.overwrite_set("4002", "role", "3001", deny=["view_channels"])
    w.overwrite_set("4002", "role", "3003", allow=["view_channels", "manage_webhooks"])
    w.overwrite_set("4002", "member", vip, allow=["view_channels"])
    w.overwrite_set("4002", "member", outsider, allow=["view_channels", "send_messages"])
    w.overwrite_set("4002", "member", admin, deny=["view_channels"])     # admin bypasses
    w.overwrite_set("4002", "member", owner, deny=["view_channels"])     # owner bypasses
    w.channel_created("4003", "2001", "text", "#announcements (everyone deny send; mods allow send)")
    w.overwrite_set("4003", "role", "3001", deny=["send_messages", "attach_files"])
    w.overwrite_set("4003", "role", "3003", allow=["send_messages"])
    w.channel_created("4004", "2001", "text", "#blind (everyone deny view, allow send: no view => no send)")
    w.overwrite_set("4004", "role", "3001", deny=["view_channels"], allow=["send_messages"])
    w.channel_created("4005", "2001", "thread", "thread under #secret", parent="4002")
    w.channel_created("4006", "2001", "thread", "thread under #general", parent="4001")
    w.channel_created("4007", "2001", "thread", "thread under #announcements", parent="4003")
    w.channel_created("4008", "2001", "category", "category (everyone deny view)")
    w.overwrite_set("4008", "role", "3001", deny=["view_channels"])
    w.channel_created("4009", "2001", "text", "#in-category (parentId=4008; categories do not propagate)",
                      parent="4008")
    w.channel_created("4010", "2001", "conference", "voice (member deny manage_channels for mod; mods allow)")
    w.overwrite_set("4010", "role", "3003", allow=["manage_channels", "manage_roles"])
    w.overwrite_set("4010", "member", mod, deny=["manage_channels"])
    w.channel_created("4011", "2002", "text", "#other-server")
    users = [owner, admin, member, mod, muted, muted_admin, outsider, vip, banned]
    cids = list(w.channels)
    sc = Scenario("channel permissions: bypass, membership, mute, view gating, threads, categories",
                  "all channel permissions for every user on every channel")
    channel_checks(w, sc, cids, users)
    sc2 = Scenario("list channels I can view / send in", "lookup-entity channel view and send")
    channel_filter(w, sc2, users, perms=("view", "send"))
    subject_filter(w, sc2, cids, perms=("view", "send"))
    return w, [sc, sc2], ["Owner/ADMINISTRATOR bypass, non-members, mute, missing VIEW implies",
                          "nothing else, thread inheritance, categories (no propagation)."]


def private_channels():
    w = World()
    a = w.user("1001", "alice")
    b = w.user("1002", "bob")
    c = w.user("1003", "carol")
    d = w.user("1004", "dave (removed from the group)")
    e = w.user("1005", "eve (never involved)")
    w.dm_created("4001", a, b, "dm alice-bob (friends)")
    w.dm_created("4002", a, c, "dm alice-carol after FriendRemoved (read-only)")
    w.friend_removed("4002")
    w.group_created("4003", a, [b, c], "group owned by alice")
    w.recipient_added("4003", d)
    w.recipient_removed("4003", d)
    w.group_created("4004", b, [c, d], "group owned by bob, owner left")
    w.recipient_removed("4004", b)
    users = [a, b, c, d, e]
    sc = Scenario("dm and group channels", "participants view+send; read-only dm; group owner")
    channel_checks(w, sc, list(w.channels), users)
    sc2 = Scenario("list my private channels", "lookup-entity channel view and send")
    channel_filter(w, sc2, users, perms=("view", "send"))
    subject_filter(w, sc2, list(w.channels), perms=("view", "send"))
    return w, [sc, sc2], ["DM and group channels (no server)."]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scenarios")
    os.makedirs(out, exist_ok=True)
    files = {"server-permissions.yaml": server_permissions(),
             "channel-special.yaml": channel_special(),
             "private-channels.yaml": private_channels()}
    for p in OVERWRITABLE:
        files[f"overwrites-{p.replace('_', '-')}.yaml"] = overwrite_matrix(p)
    total = 0
    for fname, (world, scenarios, header) in files.items():
        n = write_file(os.path.join(out, fname), header, world, scenarios)
        total += n
        print(f"{fname}: {len(world.tuples())} relationships, {n} assertions")
    print(f"total assertions: {total}")


if __name__ == "__main__":
    main()

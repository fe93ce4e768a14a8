# shellcheck shell=bash
# "Polytech" directory: OpenLDAP slapd (Debian package) with its own cn=config
# and MDB database under $BEEP_HOME/ldap, ldap://127.0.0.1:3389/ only.
# The Debian default instance is not configured (debconf no_configuration) and
# never started. Suffix dc=polytech,dc=local, admin cn=admin,dc=polytech,dc=local
# (password admin-pass), users under ou=people (see ldap/seed.ldif).
# slapd runs as root here so it can use $BEEP_HOME wherever it is.

LDAP_PORT=3389
LDAP_SUFFIX="dc=polytech,dc=local"
LDAP_ADMIN_DN="cn=admin,$LDAP_SUFFIX"
LDAP_ADMIN_PW="${BEEP_LDAP_ADMIN_PASSWORD:-admin-pass}"
LDAP_DIR="$BEEP_HOME/ldap"
BEEP_TIMEOUT[ldap]=30

ldap_ports() { echo "$LDAP_PORT"; }

ldap_init() {
  [[ -d $LDAP_DIR/slapd.d/cn=config ]] && return 0
  log "ldap: creating cn=config and database in $LDAP_DIR"
  rm -rf "$LDAP_DIR/slapd.d" "$LDAP_DIR/data"
  mkdir -p "$LDAP_DIR/slapd.d" "$LDAP_DIR/data"
  local rootpw; rootpw=$(slappasswd -s "$LDAP_ADMIN_PW")
  sed -e "s|@DATA@|$LDAP_DIR/data|g" -e "s|@RUN@|$BEEP_RUN|g" \
      -e "s|@SUFFIX@|$LDAP_SUFFIX|g" -e "s|@ROOTDN@|$LDAP_ADMIN_DN|g" \
      -e "s|@ROOTPW@|$rootpw|g" "$BEEP_LOCAL/ldap/config.ldif" >"$LDAP_DIR/config.ldif"
  slapadd -n 0 -F "$LDAP_DIR/slapd.d" -l "$LDAP_DIR/config.ldif" >>"$(logfile ldap)" 2>&1 \
    || fail_component ldap "slapadd of cn=config failed"
}

ldap_start() {
  ldap_init
  # -d 256 (stats): stay in the foreground, log connections and binds.
  start_bg ldap /usr/sbin/slapd -d 256 -h "ldap://127.0.0.1:$LDAP_PORT/" -F "$LDAP_DIR/slapd.d"
}

ldap_ready() {
  ldapsearch -x -LLL -H "ldap://127.0.0.1:$LDAP_PORT" -b "" -s base namingContexts >/dev/null 2>&1
}

# Seed the directory once (plaintext passwords in seed.ldif are hashed here).
ldap_post() {
  [[ -e $LDAP_DIR/.seeded ]] && return 0
  awk '/^userPassword: / { cmd = "slappasswd -s \"" substr($0, 15) "\""; cmd | getline h; close(cmd); print "userPassword: " h; next } { print }' \
    "$BEEP_LOCAL/ldap/seed.ldif" \
    | ldapadd -c -x -H "ldap://127.0.0.1:$LDAP_PORT" -D "$LDAP_ADMIN_DN" -w "$LDAP_ADMIN_PW" >>"$(logfile ldap)" 2>&1 \
    || fail_component ldap "seeding ou=people failed"
  touch "$LDAP_DIR/.seeded"
  log "ldap: seeded $LDAP_SUFFIX"
}

# shellcheck shell=bash
# SMTP sink: GreenMail standalone (Maven Central), SMTP on 127.0.0.1:3025,
# REST API on 127.0.0.1:8025 (its default 8080 is the gateway's). Any sender
# and recipient is accepted (auth disabled); mails live in memory only.
# Read them: GET $BEEP_SMTP_API/api/user/<email>/messages/ ; purge:
# POST $BEEP_SMTP_API/api/mail/purge ; readiness: /api/service/readiness.

GREENMAIL_VERSION=2.1.13
GREENMAIL_JAR="$BEEP_CACHE/dl/greenmail-standalone-$GREENMAIL_VERSION.jar"
SMTP_PORT=3025
SMTP_API_PORT=8025
BEEP_TIMEOUT[smtp]=60

smtp_ports() { echo "$SMTP_PORT $SMTP_API_PORT"; }

smtp_install() {
  [[ -s $GREENMAIL_JAR ]] && return 0
  log "smtp: fetching greenmail-standalone $GREENMAIL_VERSION"
  mvn_fetch dependency:copy -Dartifact="com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" \
    -DoutputDirectory="$BEEP_CACHE/dl" || die "smtp: could not fetch GreenMail"
}

smtp_start() {
  start_bg smtp java -Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$SMTP_PORT" \
    -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$SMTP_API_PORT" \
    -Dgreenmail.auth.disabled \
    -jar "$GREENMAIL_JAR"
}

smtp_ready() {
  port_open "$SMTP_PORT" && http_ok "http://127.0.0.1:$SMTP_API_PORT/api/service/readiness"
}

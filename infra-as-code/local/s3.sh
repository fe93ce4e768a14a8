# shellcheck shell=bash
# S3: S3Proxy 4.1.0 (Maven Central, see s3proxy/pom.xml) with the filesystem
# backend in $BEEP_HOME/s3/data (a bucket is a directory), aws-v2-or-v4 auth,
# identity/credential = $BEEP_S3_ACCESS_KEY/$BEEP_S3_SECRET_KEY, 127.0.0.1:9000.

S3PROXY_VERSION=4.1.0
S3PROXY_LIB="$BEEP_CACHE/s3proxy-$S3PROXY_VERSION/lib"
S3_PORT=9000
BEEP_TIMEOUT[s3]=60

s3_ports() { echo "$S3_PORT"; }

s3_install() {
  [[ -e $S3PROXY_LIB/.complete ]] && return 0
  log "s3: fetching s3proxy $S3PROXY_VERSION and its dependencies"
  rm -rf "$S3PROXY_LIB"
  (mvn_fetch -f "$BEEP_LOCAL/s3proxy/pom.xml" dependency:copy-dependencies -DoutputDirectory="$S3PROXY_LIB") \
    || die "s3: could not fetch s3proxy"
  touch "$S3PROXY_LIB/.complete"
}

s3_start() {
  mkdir -p "$BEEP_HOME/s3/data/$BEEP_S3_BUCKET"
  cat >"$BEEP_HOME/s3/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$BEEP_S3_ACCESS_KEY
s3proxy.credential=$BEEP_S3_SECRET_KEY
s3proxy.cors-allow-all=true
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem-nio2
jclouds.identity=$BEEP_S3_ACCESS_KEY
jclouds.credential=$BEEP_S3_SECRET_KEY
jclouds.filesystem.basedir=$BEEP_HOME/s3/data
CONF
  # without a logback configuration s3proxy logs everything at DEBUG
  cat >"$BEEP_HOME/s3/logback.xml" <<XML
<configuration>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <logger name="org.gaul.s3proxy" level="${BEEP_S3_LOG_LEVEL:-INFO}"/>
  <root level="WARN"><appender-ref ref="STDOUT"/></root>
</configuration>
XML
  start_bg s3 java -Xms64m -Xmx256m -XX:+UseSerialGC -cp "$S3PROXY_LIB/*" \
    -Dlogback.configurationFile="$BEEP_HOME/s3/logback.xml" \
    org.gaul.s3proxy.Main --properties "$BEEP_HOME/s3/s3proxy.conf"
}

# An unauthenticated request answers 403 (AccessDenied XML) once it is up.
s3_ready() { http_answers "http://127.0.0.1:$S3_PORT/"; }

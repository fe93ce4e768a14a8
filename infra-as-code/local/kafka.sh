# shellcheck shell=bash
# Kafka 4.4.0 in KRaft mode, single node (broker + controller in one JVM).
# Jars come from Maven Central through kafka/pom.xml; data in $BEEP_HOME/kafka.
# Broker 127.0.0.1:9092, controller 127.0.0.1:9095. Topic beep.events.v1 is
# created (6 partitions) after start; other topics are auto-created.

KAFKA_VERSION=4.4.0
KAFKA_LIB="$BEEP_CACHE/kafka-$KAFKA_VERSION/lib"
KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9095
KAFKA_DIR="$BEEP_HOME/kafka"
KAFKA_TOPICS=("beep.events.v1:6")
BEEP_TIMEOUT[kafka]=120

kafka_ports() { echo "$KAFKA_PORT $KAFKA_CONTROLLER_PORT"; }

kafka_java() {
  java -Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" -cp "$KAFKA_LIB/*" "$@"
}

kafka_install() {
  [[ -e $KAFKA_LIB/.complete ]] && return 0
  log "kafka: fetching kafka $KAFKA_VERSION jars"
  rm -rf "$KAFKA_LIB"
  (mvn_fetch -f "$BEEP_LOCAL/kafka/pom.xml" dependency:copy-dependencies -DoutputDirectory="$KAFKA_LIB") \
    || die "kafka: could not fetch the Kafka jars"
  touch "$KAFKA_LIB/.complete"
}

kafka_write_conf() {
  mkdir -p "$KAFKA_DIR/data"
  cat >"$KAFKA_DIR/server.properties" <<CONF
# Managed by infra-as-code/local/kafka.sh (rewritten on every start).
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=6
default.replication.factor=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
log.retention.hours=168
log.segment.bytes=268435456
CONF
  cat >"$KAFKA_DIR/log4j2.properties" <<'CONF'
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.stdout.ref = STDOUT
logger.kafka.name = kafka
logger.kafka.level = info
logger.state.name = state.change.logger
logger.state.level = warn
logger.request.name = kafka.request.logger
logger.request.level = warn
logger.controller.name = org.apache.kafka.controller
logger.controller.level = info
logger.clients.name = org.apache.kafka.clients
logger.clients.level = warn
CONF
}

kafka_start() {
  kafka_write_conf
  # Storage is formatted once (KRaft, standalone controller), inside the
  # launched process so that starting returns at once.
  start_bg kafka bash -c '
    set -e
    cp="$1/*"; conf="$2/server.properties"; l4j="-Dlog4j2.configurationFile=$2/log4j2.properties"
    if [ ! -s "$2/data/meta.properties" ]; then
      id=$(java -Xmx128m -XX:TieredStopAtLevel=1 "$l4j" -cp "$cp" kafka.tools.StorageTool random-uuid | tail -n1)
      echo "kafka: formatting storage, cluster id $id"
      java -Xmx128m -XX:TieredStopAtLevel=1 "$l4j" -cp "$cp" kafka.tools.StorageTool format -t "$id" -c "$conf" --standalone
    fi
    exec java -Xms256m -Xmx"$3" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
      "$l4j" -cp "$cp" kafka.Kafka "$conf"
  ' kafka "$KAFKA_LIB" "$KAFKA_DIR" "${BEEP_KAFKA_HEAP:-512m}"
}

kafka_ready() {
  port_open "$KAFKA_PORT" || return 1
  # Already running from an earlier `up`: its start marker may have scrolled out of the log.
  [[ -n ${BEEP_NOTE[kafka]:-} ]] && return 0
  log_since_start kafka | grep -q 'Kafka Server started'
}

kafka_post() {
  local t name parts
  for t in "${KAFKA_TOPICS[@]}"; do
    name=${t%%:*}; parts=${t##*:}
    kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
      --create --if-not-exists --topic "$name" --partitions "$parts" --replication-factor 1 \
      >>"$(logfile kafka)" 2>&1 || fail_component kafka "could not create topic $name"
  done
}

# kafka_topics ARGS... : e.g. `kafka_topics --list`
kafka_topics() {
  kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" "$@"
}

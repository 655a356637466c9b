# shellcheck shell=bash
# Single-node Apache Kafka (KRaft, broker+controller in one JVM) under
# $STATE_DIR/kafka, or validation of an external KAFKA_BROKERS list.
# Sourced by infra.sh after common.sh.

KAFKA_READY_TIMEOUT=90
# Logged by KafkaRaftServer once the broker serves requests.
KAFKA_STARTED_LINE='Kafka Server started'

kafka_paths() {
  KAFKA_DIR=$STATE_DIR/kafka
  KAFKA_DATA=$KAFKA_DIR/data
  KAFKA_LOG_DIR=$KAFKA_DIR/logs
  KAFKA_LOG=$KAFKA_LOG_DIR/server.log
  KAFKA_OUT=$KAFKA_DIR/kafka.out
  KAFKA_PID_FILE=$KAFKA_DIR/kafka.pid
  KAFKA_PROPS=$KAFKA_DIR/server.properties
  KAFKA_HOME=$CACHE_DIR/kafka-$KAFKA_VERSION
  KAFKA_LIBS=$KAFKA_HOME/libs
}

# True when host:port answers a Kafka ApiVersions v0 request, i.e. a Kafka
# broker serves there, not just any TCP listener. Pure bash, at most 3 s.
kafka_ping() {
  local host=$1 port=$2 reply
  # shellcheck disable=SC2016 # $1/$2 are expanded by the inner bash
  reply=$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    # size=10 | api_key=18 ApiVersions | api_version=0 | correlation_id=42 | client_id=""
    printf "\x00\x00\x00\x0a\x00\x12\x00\x00\x00\x00\x00\x2a\x00\x00" >&3
    head -c 10 <&3 | od -An -tx1' _ "$host" "$port" 2>/dev/null) || return 1
  # Reply: size (4 bytes), correlation_id 42, error_code 0.
  [[ $(tr -d ' \n' <<<"$reply") =~ ^[0-9a-f]{8}0000002a0000$ ]]
}

kafka_brokers() { printf '127.0.0.1:%s' "$KAFKA_PORT"; }

# Same rule as pg_is_external: our own address exported back is still ours.
kafka_is_external() { [[ -n $EXTERNAL_KAFKA_BROKERS && $EXTERNAL_KAFKA_BROKERS != "$(kafka_brokers)" ]]; }

# --- prerequisites ----------------------------------------------------------
JAVA_HINT='Kafka needs Java 17+: install openjdk-17-jre-headless'

# Sets JAVA (JAVA_HOME first, then PATH); prints why it is unusable, if it is.
java_problem() {
  local version major
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
    JAVA=$JAVA_HOME/bin/java
  elif ! JAVA=$(command -v java 2>/dev/null); then
    echo "no 'java' on PATH"
    return
  fi
  # First line looks like: openjdk version "17.0.15" 2025-04-15 (or "1.8.0_402").
  version=$("$JAVA" -version 2>&1 | sed -nE '1s/.*version "([^"]+)".*/\1/p') || true
  major=${version%%.*}
  [[ $major == 1 ]] && major=$(cut -d. -f2 <<<"$version")
  if [[ ! $major =~ ^[0-9]+$ ]]; then
    echo "cannot read the version of $JAVA"
  elif ((major < 17)); then
    echo "found Java $version at $JAVA"
  fi
}

java_check() {
  local problem
  problem=$(java_problem)
  [[ -z $problem ]] || die "$JAVA_HINT ($problem)"
  java_problem >/dev/null # again outside $(...), so that JAVA is set here
}

# For `provision` only: `up` never installs a JDK behind the user's back.
java_ensure() {
  if [[ -n $(java_problem) ]] && can_apt_install; then
    apt_install openjdk-17-jre-headless
  fi
  java_check
}

mvn_ensure() {
  command -v mvn >/dev/null 2>&1 && return 0
  can_apt_install ||
    die "Maven (mvn) is needed once to fetch the Kafka jars from Maven Central: install maven"
  apt_install maven
  command -v mvn >/dev/null 2>&1 || die "apt-get installed maven but 'mvn' is still not on PATH"
}

# --- jars -------------------------------------------------------------------
# Fetched once per version into the shared cache (not the state dir), so all
# clones and test runs reuse one download. Maven + a pom instead of the
# release tarball because CI reaches Maven Central, not the Apache mirrors.
kafka_fetch() {
  local lock_fd
  [[ -f $KAFKA_HOME/.complete ]] && return 0
  mvn_ensure
  mkdir -p "$KAFKA_HOME"
  # Parallel first runs (several test runs, one cold cache) must not both
  # write into libs/: serialize on a lock, then re-check.
  exec {lock_fd}>"$KAFKA_HOME/.lock"
  flock -w 600 "$lock_fd" || die "timed out waiting for another process fetching Kafka $KAFKA_VERSION ($KAFKA_HOME/.lock)"
  if [[ ! -f $KAFKA_HOME/.complete ]]; then
    kafka_fetch_locked
  fi
  exec {lock_fd}>&-
}

kafka_fetch_locked() {
  local tmp=$KAFKA_HOME/libs.tmp.$$ log=$KAFKA_HOME/mvn.log
  info "kafka: fetching Kafka $KAFKA_VERSION jars from Maven Central into $KAFKA_LIBS (one-time)"
  rm -rf "$tmp"
  if ! mvn -q -B -Dstyle.color=never -f "$INFRA_DIR/kafka/pom.xml" \
    -Dkafka.version="$KAFKA_VERSION" -DincludeScope=runtime \
    dependency:copy-dependencies -DoutputDirectory="$tmp" >"$log" 2>&1; then
    rm -rf "$tmp"
    show_log_tail "$log" 30
    die "could not fetch Kafka $KAFKA_VERSION jars with Maven (log: $log)"
  fi
  [[ -f $tmp/kafka_2.13-$KAFKA_VERSION.jar ]] || die "Maven did not deliver kafka_2.13-$KAFKA_VERSION.jar (log: $log)"
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  touch "$KAFKA_HOME/.complete"
}

# --- configuration ----------------------------------------------------------
# The JVM command line shared by the storage tool and the broker.
kafka_jvm() {
  KAFKA_JVM=(
    "$JAVA" -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError
    # C1 only. This broker runs beside everything it serves on a 2-core dev or CI box, for
    # minutes: C2 compiled for all of that time (a quarter of a core at 100 leads/s, more
    # than the broker's own work), while C1 is done in seconds and its slower code costs
    # less than the compiling did (bench: lower p99 at 100 and 500 leads/s, decision 050).
    -XX:TieredStopAtLevel=1
    -Djava.awt.headless=true
    # Log to $KAFKA_LOG_DIR/server.log, not to the terminal.
    -Dlog4j2.configurationFile="$INFRA_DIR/kafka/log4j2.xml"
    -Dkafka.logs.dir="$KAFKA_LOG_DIR"
    -cp "$KAFKA_LIBS/*"
  )
}

# A KRaft cluster id is a base64url-encoded random 16-byte UUID (22 chars).
# Generated once per state dir; a leading '-' would be read as a CLI flag.
kafka_cluster_id() {
  local file=$KAFKA_DIR/cluster.id id
  if [[ ! -s $file ]]; then
    id=-
    while [[ $id == -* ]]; do
      id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
    done
    printf '%s\n' "$id" >"$file"
  fi
  cat "$file"
}

# Rewritten on every start so ports follow the environment. We use a static
# quorum (controller.quorum.voters) rather than the dynamic one
# (controller.quorum.bootstrap.servers + format --standalone): a static voter
# set is not stored in the metadata log, so restarting the same state dir on
# different ports keeps working.
kafka_write_props() {
  cat >"$KAFKA_PROPS" <<EOF
# Written by tools/infra/lib/kafka.sh on every 'up'; do not edit.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DATA

# Single node: every internal topic has exactly one replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# One partition per internal topic instead of 50: a fresh broker creates
# __consumer_offsets (etc.) when the first group/transaction shows up, and 50
# partitions on a 2-core CI machine make that first join needlessly slow.
offsets.topic.num.partitions=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.num.partitions=1
# Tests join groups constantly; the default 3 s delay would slow every one.
group.initial.rebalance.delay.ms=0

num.partitions=3
# Off by default: the services must create their topics explicitly (as in
# production), and a typo in a topic name should fail, not create a topic.
# LEADHOOKS_KAFKA_AUTO_CREATE_TOPICS=true switches it on.
auto.create.topics.enable=$KAFKA_AUTO_CREATE_TOPICS
# Let tests delete topics between runs.
delete.topic.enable=true
EOF
}

# Format the log dir once (the equivalent of `kafka-storage.sh format`).
kafka_format() {
  [[ -f $KAFKA_DATA/meta.properties ]] && return 0
  info "kafka: formatting storage in $KAFKA_DATA"
  kafka_jvm
  if ! "${KAFKA_JVM[@]}" kafka.tools.StorageTool format -t "$(kafka_cluster_id)" -c "$KAFKA_PROPS" \
    >"$KAFKA_DIR/format.log" 2>&1; then
    show_log_tail "$KAFKA_DIR/format.log"
    die "kafka storage format failed (log: $KAFKA_DIR/format.log)"
  fi
  printf '%s\n' "$KAFKA_VERSION" >"$KAFKA_DIR/formatted.version"
}

# Newer brokers read storage formatted by older ones, not the other way round.
kafka_check_downgrade() {
  local formatted
  formatted=$(cat "$KAFKA_DIR/formatted.version" 2>/dev/null) || return 0
  [[ $(printf '%s\n%s\n' "$formatted" "$KAFKA_VERSION" | sort -V | head -n 1) == "$formatted" ]] ||
    die "$KAFKA_DATA was formatted by Kafka $formatted; Kafka $KAFKA_VERSION cannot read it: run 'infra.sh down' and delete $KAFKA_DIR"
}

# --- lifecycle --------------------------------------------------------------
kafka_running_pid() {
  local pid
  pid=$(read_pid_file "$KAFKA_PID_FILE") || return 1
  pid_matches "$pid" "kafka.Kafka $KAFKA_PROPS" || return 1
  printf '%s\n' "$pid"
}

# Version of the running broker (recorded at launch; may differ from the env).
kafka_running_version() { cat "$KAFKA_DIR/version" 2>/dev/null || printf '%s\n' "$KAFKA_VERSION"; }

kafka_running_port() { sed -nE 's#^advertised\.listeners=PLAINTEXT://127\.0\.0\.1:([0-9]+)$#\1#p' "$KAFKA_PROPS" 2>/dev/null; }

kafka_launch() {
  local log_offset
  # Readiness is judged from log lines written after this point only.
  log_offset=$(stat -c %s "$KAFKA_LOG" 2>/dev/null || echo 0)
  printf '%s\n' "$log_offset" >"$KAFKA_DIR/log.offset"
  rm -f "$KAFKA_PID_FILE"
  # setsid: own session, so the broker outlives this script and a Ctrl-C or
  # a CI job killing our process group does not take it down half-way. The
  # wrapper writes its own pid and then execs java, so the pid file holds
  # the JVM's pid whether or not setsid had to fork.
  kafka_jvm
  (
    close_lock_fd
    # shellcheck disable=SC2016 # $$/$1/$@ are expanded by the inner bash
    exec setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$KAFKA_PID_FILE" \
      "${KAFKA_JVM[@]}" kafka.Kafka "$KAFKA_PROPS" </dev/null >"$KAFKA_OUT" 2>&1
  ) &
}

kafka_started_since_launch() {
  local offset
  offset=$(cat "$KAFKA_DIR/log.offset" 2>/dev/null || echo 0)
  # The log rolled over since the launch: the whole current file is newer.
  (($(stat -c %s "$KAFKA_LOG" 2>/dev/null || echo 0) >= offset)) || offset=0
  tail -c +"$((offset + 1))" "$KAFKA_LOG" 2>/dev/null | grep -q "$KAFKA_STARTED_LINE"
}

kafka_wait_ready() {
  local deadline=$((SECONDS + KAFKA_READY_TIMEOUT)) pid=''
  while :; do
    [[ -n $pid ]] || pid=$(read_pid_file "$KAFKA_PID_FILE") || pid=''
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      show_log_tail "$KAFKA_OUT" 20
      show_log_tail "$KAFKA_LOG"
      rm -f "$KAFKA_PID_FILE"
      die "kafka exited during startup (logs: $KAFKA_LOG, $KAFKA_OUT)"
    fi
    if [[ -n $pid ]] && kafka_started_since_launch && kafka_ping 127.0.0.1 "$KAFKA_PORT"; then
      return 0
    fi
    if ((SECONDS >= deadline)); then
      show_log_tail "$KAFKA_LOG"
      die "kafka on 127.0.0.1:$KAFKA_PORT not ready after ${KAFKA_READY_TIMEOUT}s (log: $KAFKA_LOG; still running, 'infra.sh down' stops it)"
    fi
    sleep 0.3
  done
}

kafka_up() {
  local pid port
  mkdir -p "$KAFKA_DIR" "$KAFKA_LOG_DIR"
  if pid=$(kafka_running_pid); then
    port=$(kafka_running_port)
    [[ $port == "$KAFKA_PORT" ]] ||
      die "Kafka of $STATE_DIR already runs on port $port, not LEADHOOKS_KAFKA_PORT=$KAFKA_PORT: run 'infra.sh down' first"
    [[ $(kafka_running_version) == "$KAFKA_VERSION" ]] ||
      die "Kafka of $STATE_DIR already runs version $(kafka_running_version), not LEADHOOKS_KAFKA_VERSION=$KAFKA_VERSION: run 'infra.sh down' first"
    info "kafka: already running (pid $pid, 127.0.0.1:$KAFKA_PORT)"
    KAFKA_UP_OUTCOME=reused
  else
    require_free_port LEADHOOKS_KAFKA_PORT "$KAFKA_PORT"
    require_free_port LEADHOOKS_KAFKA_CONTROLLER_PORT "$KAFKA_CONTROLLER_PORT"
    kafka_check_downgrade
    kafka_write_props
    kafka_format
    info "kafka: starting Kafka $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT (log: $KAFKA_LOG)"
    kafka_launch
    KAFKA_UP_OUTCOME=started
  fi
  kafka_wait_ready
  info "kafka: ready, Apache Kafka $(kafka_running_version) (KRaft, pid $(read_pid_file "$KAFKA_PID_FILE"))"
}

kafka_down() {
  local pid
  if pid=$(kafka_running_pid); then
    info "kafka: stopping pid $pid"
    # SIGTERM = controlled shutdown; a single node needs a few seconds.
    stop_pid "$pid" kafka TERM 30
  elif kafka_is_external; then
    info "kafka: external (KAFKA_BROKERS), nothing of ours to stop"
  else
    info "kafka: not running"
  fi
  rm -f "$KAFKA_PID_FILE"
}

kafka_status() {
  local pid port
  # Same precedence as `env`: a KAFKA_BROKERS that differs from ours wins.
  if kafka_is_external; then
    if (kafka_check_external) >/dev/null 2>&1; then
      printf 'kafka:    external, reachable (KAFKA_BROKERS=%s)\n' "$EXTERNAL_KAFKA_BROKERS"
      return 0
    fi
    printf 'kafka:    external, NOT reachable (KAFKA_BROKERS=%s)\n' "$EXTERNAL_KAFKA_BROKERS"
    return 1
  fi
  if pid=$(kafka_running_pid); then
    port=$(kafka_running_port)
    if kafka_ping 127.0.0.1 "$port"; then
      printf 'kafka:    running (pid %s, 127.0.0.1:%s, Kafka %s)\n' "$pid" "$port" "$(kafka_running_version)"
      [[ $port == "$KAFKA_PORT" ]] || printf '          note: LEADHOOKS_KAFKA_PORT=%s differs from the running port\n' "$KAFKA_PORT"
      return 0
    fi
    printf 'kafka:    process alive (pid %s) but 127.0.0.1:%s does not answer Kafka requests\n' "$pid" "$port"
    return 1
  fi
  printf 'kafka:    stopped\n'
  return 1
}

kafka_env_line() {
  if kafka_is_external; then
    printf 'KAFKA_BROKERS=%s\n' "$EXTERNAL_KAFKA_BROKERS"
  else
    printf 'KAFKA_BROKERS=%s\n' "$(kafka_brokers)"
  fi
}

# --- external KAFKA_BROKERS -------------------------------------------------
# Comma-separated host:port list; every entry must answer as a Kafka broker.
kafka_check_external() {
  local entry host port
  local -a entries
  IFS=',' read -r -a entries <<<"$EXTERNAL_KAFKA_BROKERS"
  ((${#entries[@]} > 0)) || die "KAFKA_BROKERS is empty: expected host:port[,host:port...]"
  for entry in "${entries[@]}"; do
    entry=${entry//[[:space:]]/}
    [[ $entry =~ ^([A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\]):([0-9]+)$ ]] ||
      die "KAFKA_BROKERS='$EXTERNAL_KAFKA_BROKERS' is malformed: '$entry' is not host:port"
    host=${BASH_REMATCH[1]//[\[\]]/}
    port=${BASH_REMATCH[2]}
    is_port_number "$port" ||
      die "KAFKA_BROKERS='$EXTERNAL_KAFKA_BROKERS' is malformed: port '$port' of '$entry' is not in 1-65535"
    tcp_open "$host" "$port" ||
      die "KAFKA_BROKERS='$EXTERNAL_KAFKA_BROKERS' is unreachable: nothing accepts TCP connections on $entry"
    kafka_ping "$host" "$port" ||
      die "KAFKA_BROKERS='$EXTERNAL_KAFKA_BROKERS' is wrong: $entry accepts TCP but does not answer as a Kafka broker"
  done
}

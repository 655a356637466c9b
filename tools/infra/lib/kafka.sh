# shellcheck shell=bash
# Apache Kafka in KRaft combined mode (broker+controller in one JVM per node):
# one node under $STATE_DIR/kafka (the default), or a cluster of
# LEADHOOKS_KAFKA_BROKERS_COUNT nodes under $STATE_DIR/kafka-<n>, all of them
# voters of one quorum; or validation of an external KAFKA_BROKERS list.
# Sourced by infra.sh after common.sh.
#
# Every per-node function works on the node selected by `kafka_node <n>`.

KAFKA_READY_TIMEOUT=90
# Logged by KafkaRaftServer once the broker serves requests.
KAFKA_STARTED_LINE='Kafka Server started'

kafka_paths() {
  KAFKA_HOME=$CACHE_DIR/kafka-$KAFKA_VERSION
  KAFKA_LIBS=$KAFKA_HOME/libs
  # One node keeps the historical layout (kafka/); a cluster uses kafka-1..N, so a state
  # dir never mixes the two (a node's storage belongs to one quorum).
  if ((KAFKA_NODES == 1)); then
    KAFKA_CLUSTER_FILE=$STATE_DIR/kafka/cluster.id
  else
    KAFKA_CLUSTER_FILE=$STATE_DIR/kafka-cluster.id
  fi
  kafka_node 1
}

# Selects node n (1-based) of the configured cluster: its dirs, files and ports.
kafka_node() {
  if ((KAFKA_NODES == 1)); then kafka_node_dir "$STATE_DIR/kafka"; else kafka_node_dir "$STATE_DIR/kafka-$1"; fi
  KAFKA_NODE_ID=$1
  KAFKA_NODE_PORT=${KAFKA_PORTS[$1 - 1]}
  KAFKA_NODE_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORTS[$1 - 1]}
}

# Selects a node by its directory only (for `down`, which stops whatever runs there).
kafka_node_dir() {
  KAFKA_DIR=$1
  KAFKA_DATA=$KAFKA_DIR/data
  KAFKA_LOG_DIR=$KAFKA_DIR/logs
  KAFKA_LOG=$KAFKA_LOG_DIR/server.log
  KAFKA_OUT=$KAFKA_DIR/kafka.out
  KAFKA_PID_FILE=$KAFKA_DIR/kafka.pid
  KAFKA_PROPS=$KAFKA_DIR/server.properties
}

# Every node directory of this state dir, of either layout.
kafka_node_dirs() {
  local dir
  for dir in "$STATE_DIR/kafka" "$STATE_DIR"/kafka-[0-9]*; do
    [[ -f $dir/server.properties ]] && printf '%s\n' "$dir"
  done
  return 0
}

# Names the other layout (single vs cluster) when one of its nodes runs: a state dir
# runs one of the two at a time, as both would want the same ports.
kafka_other_layout_running() {
  local dir
  for dir in $(kafka_node_dirs); do
    if ((KAFKA_NODES == 1)); then [[ $dir == "$STATE_DIR/kafka" ]] && continue; else [[ $dir == "$STATE_DIR/kafka" ]] || continue; fi
    kafka_node_dir "$dir"
    if kafka_running_pid >/dev/null; then
      ((KAFKA_NODES == 1)) && printf 'a cluster (%s)' "${dir##*/}" || printf 'a single broker'
      return 0
    fi
  done
  return 1
}

# A state dir runs one layout at a time: refuse to start the other beside it.
kafka_check_layout() {
  local other
  other=$(kafka_other_layout_running) || return 0
  die "Kafka of $STATE_DIR already runs as $other, not LEADHOOKS_KAFKA_BROKERS_COUNT=$KAFKA_NODES: run 'infra.sh down' first"
}

# True when every node of the configured cluster runs.
kafka_all_running() {
  local n
  for ((n = 1; n <= KAFKA_NODES; n++)); do
    kafka_node "$n"
    kafka_running_pid >/dev/null || return 1
  done
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

kafka_brokers() {
  local i list=''
  for ((i = 0; i < KAFKA_NODES; i++)); do list+=${list:+,}127.0.0.1:${KAFKA_PORTS[i]}; done
  printf '%s' "$list"
}

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
  local file=$KAFKA_CLUSTER_FILE id
  if [[ ! -s $file ]]; then
    id=-
    while [[ $id == -* ]]; do
      id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
    done
    mkdir -p "$(dirname "$file")"
    printf '%s\n' "$id" >"$file"
  fi
  cat "$file"
}

# Rewritten on every start so ports follow the environment. We use a static
# quorum (controller.quorum.voters) rather than the dynamic one
# (controller.quorum.bootstrap.servers + format --standalone): a static voter
# set is not stored in the metadata log, so restarting the same state dir on
# different ports keeps working.
kafka_voters() {
  local i list=''
  for ((i = 0; i < KAFKA_NODES; i++)); do list+=${list:+,}$((i + 1))@127.0.0.1:${KAFKA_CONTROLLER_PORTS[i]}; done
  printf '%s' "$list"
}

kafka_write_props() {
  # Internal topics: one replica on one node; on a cluster three (at most the node count),
  # of which two must be in sync, so one node down neither blocks nor loses commits.
  local rf=$((KAFKA_NODES < 3 ? KAFKA_NODES : 3))
  local isr=$((rf >= 3 ? 2 : 1))
  cat >"$KAFKA_PROPS" <<EOF
# Written by tools/infra/lib/kafka.sh on every 'up'; do not edit.
process.roles=broker,controller
node.id=$KAFKA_NODE_ID
controller.quorum.voters=$(kafka_voters)
listeners=PLAINTEXT://127.0.0.1:$KAFKA_NODE_PORT,CONTROLLER://127.0.0.1:$KAFKA_NODE_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_NODE_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DATA

# Replicas of the internal topics (consumer offsets, transactions, share groups).
offsets.topic.replication.factor=$rf
transaction.state.log.replication.factor=$rf
transaction.state.log.min.isr=$isr
share.coordinator.state.topic.replication.factor=$rf
share.coordinator.state.topic.min.isr=$isr
# Topics created without a setting of their own (the platform's always set theirs).
default.replication.factor=$rf
min.insync.replicas=$isr
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
# The pid of the selected node's JVM. The pid file first; when it is missing or stale
# (the broker was restarted by hand, not through us), the live process whose command
# line names this node's server.properties, which no other state dir's broker has.
kafka_running_pid() {
  local pid
  if pid=$(read_pid_file "$KAFKA_PID_FILE") && pid_matches "$pid" "kafka.Kafka $KAFKA_PROPS"; then
    printf '%s\n' "$pid"
    return 0
  fi
  pid=$(find_pid_by_cmdline "kafka.Kafka $KAFKA_PROPS") || return 1
  # Remember it, so the next call (and `down`) need not scan again.
  printf '%s\n' "$pid" >"$KAFKA_PID_FILE" 2>/dev/null || true
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
  printf '%s\n' "$KAFKA_VERSION" >"$KAFKA_DIR/version"
}

kafka_started_since_launch() {
  local offset
  offset=$(cat "$KAFKA_DIR/log.offset" 2>/dev/null || echo 0)
  # The log rolled over since the launch: the whole current file is newer.
  (($(stat -c %s "$KAFKA_LOG" 2>/dev/null || echo 0) >= offset)) || offset=0
  tail -c +"$((offset + 1))" "$KAFKA_LOG" 2>/dev/null | grep -q "$KAFKA_STARTED_LINE"
}

# Waits for every node of the configured cluster. The nodes of a cluster are launched
# together and wait for each other (a quorum needs a majority of its voters).
kafka_wait_ready() {
  local deadline=$((SECONDS + KAFKA_READY_TIMEOUT)) n pid
  local -a ready=()
  while :; do
    for ((n = 1; n <= KAFKA_NODES; n++)); do
      [[ -n ${ready[n]:-} ]] && continue
      kafka_node "$n"
      pid=$(read_pid_file "$KAFKA_PID_FILE") || pid=''
      if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
        show_log_tail "$KAFKA_OUT" 20
        show_log_tail "$KAFKA_LOG"
        rm -f "$KAFKA_PID_FILE"
        die "kafka node $n exited during startup (logs: $KAFKA_LOG, $KAFKA_OUT)"
      fi
      # A node launched by this call is ready once it logged so since the launch; one that
      # was already running once it answers (its start line may have rolled out of the log).
      if [[ -n $pid ]] && { [[ -z ${KAFKA_LAUNCHED[n]:-} ]] || kafka_started_since_launch; } &&
        kafka_ping 127.0.0.1 "$KAFKA_NODE_PORT"; then
        ready[n]=1
      fi
    done
    ((${#ready[@]} == KAFKA_NODES)) && return 0
    if ((SECONDS >= deadline)); then
      for ((n = 1; n <= KAFKA_NODES; n++)); do
        [[ -n ${ready[n]:-} ]] && continue
        kafka_node "$n"
        show_log_tail "$KAFKA_LOG"
        die "kafka node $n on 127.0.0.1:$KAFKA_NODE_PORT not ready after ${KAFKA_READY_TIMEOUT}s (log: $KAFKA_LOG; still running, 'infra.sh down' stops it)"
      done
    fi
    sleep 0.3
  done
}

# Starts the nodes that do not run; reuses the ones that do (a node killed by hand comes
# back on the next `up`).
kafka_up() {
  local pid port n started=0 reused=0
  KAFKA_LAUNCHED=()
  kafka_check_layout
  printf '%s\n' "$KAFKA_NODES" >"$STATE_DIR/kafka-nodes"
  for ((n = 1; n <= KAFKA_NODES; n++)); do
    kafka_node "$n"
    mkdir -p "$KAFKA_DIR" "$KAFKA_LOG_DIR"
    if pid=$(kafka_running_pid); then
      port=$(kafka_running_port)
      [[ $port == "$KAFKA_NODE_PORT" ]] ||
        die "Kafka node $n of $STATE_DIR already runs on port $port, not $KAFKA_NODE_PORT (LEADHOOKS_KAFKA_PORT): run 'infra.sh down' first"
      [[ $(kafka_running_version) == "$KAFKA_VERSION" ]] ||
        die "Kafka of $STATE_DIR already runs version $(kafka_running_version), not LEADHOOKS_KAFKA_VERSION=$KAFKA_VERSION: run 'infra.sh down' first"
      info "kafka: $(kafka_node_name) already running (pid $pid, 127.0.0.1:$KAFKA_NODE_PORT)"
      reused=$((reused + 1))
    else
      require_free_port LEADHOOKS_KAFKA_PORT "$KAFKA_NODE_PORT"
      require_free_port LEADHOOKS_KAFKA_CONTROLLER_PORT "$KAFKA_NODE_CONTROLLER_PORT"
      kafka_check_downgrade
      kafka_write_props
      kafka_format
      info "kafka: starting Kafka $KAFKA_VERSION $(kafka_node_name) on 127.0.0.1:$KAFKA_NODE_PORT (log: $KAFKA_LOG)"
      kafka_launch
      KAFKA_LAUNCHED[n]=1
      started=$((started + 1))
    fi
  done
  # "started" only when this call started all of them: `npm start` then stops them on
  # Ctrl-C. Any node found running makes the cluster someone else's to stop.
  if ((reused == 0)); then KAFKA_UP_OUTCOME=started; else KAFKA_UP_OUTCOME=reused; fi
  kafka_wait_ready
  kafka_node 1
  if ((KAFKA_NODES == 1)); then
    info "kafka: ready, Apache Kafka $(kafka_running_version) (KRaft, pid $(read_pid_file "$KAFKA_PID_FILE"))"
  else
    info "kafka: ready, $KAFKA_NODES nodes of Apache Kafka $(kafka_running_version) (KRaft, $started started, $reused reused)"
  fi
}

kafka_node_name() { ((KAFKA_NODES == 1)) && printf 'broker' || printf 'node %s' "$KAFKA_NODE_ID"; }

# SIGTERM to every node at once, then wait: stopped one by one, the last nodes of a
# cluster would wait in vain for a quorum to accept their controlled shutdown.
kafka_down() {
  local dir pid
  local -a pids=() names=()
  for dir in $(kafka_node_dirs); do
    kafka_node_dir "$dir"
    if pid=$(kafka_running_pid); then
      info "kafka: stopping pid $pid ($dir)"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
      names+=("kafka ${dir##*/}")
    fi
    rm -f "$KAFKA_PID_FILE"
  done
  if ((${#pids[@]} == 0)); then
    if kafka_is_external; then
      info "kafka: external (KAFKA_BROKERS), nothing of ours to stop"
    else
      info "kafka: not running"
    fi
    return 0
  fi
  local i
  for i in "${!pids[@]}"; do stop_pid "${pids[i]}" "${names[i]}" TERM 30; done
}

# Prints a line per node; usable (exit 0) while a majority of the nodes serves: the
# cluster then still elects leaders and accepts writes with min.insync.replicas=2.
kafka_status() {
  local pid port n up=0 other
  # Same precedence as `env`: a KAFKA_BROKERS that differs from ours wins.
  if kafka_is_external; then
    kafka_external_status
    return
  fi
  other=$(kafka_other_layout_running) || true
  [[ -z $other ]] && printf '' || printf 'kafka:    note: %s of this state dir also runs\n' "$other"
  for ((n = 1; n <= KAFKA_NODES; n++)); do
    kafka_node "$n"
    local label='kafka:   '
    ((KAFKA_NODES == 1)) || label="kafka $n: "
    if pid=$(kafka_running_pid); then
      port=$(kafka_running_port)
      if kafka_ping 127.0.0.1 "$port"; then
        printf '%s running (pid %s, 127.0.0.1:%s, Kafka %s)\n' "$label" "$pid" "$port" "$(kafka_running_version)"
        [[ $port == "$KAFKA_NODE_PORT" ]] || printf '          note: LEADHOOKS_KAFKA_PORT=%s differs from the running port\n' "$KAFKA_NODE_PORT"
        up=$((up + 1))
        continue
      fi
      printf '%s process alive (pid %s) but 127.0.0.1:%s does not answer Kafka requests\n' "$label" "$pid" "$port"
      continue
    fi
    printf '%s stopped\n' "$label"
  done
  ((KAFKA_NODES == 1)) && { ((up == 1)); return; }
  if ((up == KAFKA_NODES)); then
    printf 'kafka:    cluster of %s nodes, all serving\n' "$KAFKA_NODES"
  elif ((up * 2 > KAFKA_NODES)); then
    printf 'kafka:    DEGRADED: %s of %s nodes serving (a quorum; topics with replication 3 and min.insync.replicas=2 still take writes)\n' "$up" "$KAFKA_NODES"
  else
    printf 'kafka:    DOWN: %s of %s nodes serving, no quorum\n' "$up" "$KAFKA_NODES"
    return 1
  fi
}

kafka_env_line() {
  if kafka_is_external; then
    printf 'KAFKA_BROKERS=%s\n' "$EXTERNAL_KAFKA_BROKERS"
  else
    printf 'KAFKA_BROKERS=%s\n' "$(kafka_brokers)"
  fi
}

# --- external KAFKA_BROKERS -------------------------------------------------
# Comma-separated host:port list. A malformed entry is an error; an entry that does not
# answer is not, as long as one does: a cluster with one broker down still serves (the
# client finds the others through any one of them). Sets KAFKA_EXT_UP / KAFKA_EXT_DOWN.
kafka_probe_external() {
  local entry host port
  local -a entries
  KAFKA_EXT_UP=() KAFKA_EXT_DOWN=()
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
    if ! tcp_open "$host" "$port"; then
      KAFKA_EXT_DOWN+=("$entry: nothing accepts TCP connections")
    elif ! kafka_ping "$host" "$port"; then
      KAFKA_EXT_DOWN+=("$entry: accepts TCP but does not answer as a Kafka broker")
    else
      KAFKA_EXT_UP+=("$entry")
    fi
  done
}

kafka_check_external() {
  kafka_probe_external
  if ((${#KAFKA_EXT_UP[@]} == 0)); then
    die "KAFKA_BROKERS='$EXTERNAL_KAFKA_BROKERS' is unreachable: ${KAFKA_EXT_DOWN[*]}"
  fi
  local down
  for down in "${KAFKA_EXT_DOWN[@]}"; do
    warn "KAFKA_BROKERS: $down (continuing with the ${#KAFKA_EXT_UP[@]} that answer)"
  done
}

kafka_external_status() {
  local total
  kafka_probe_external 2>/dev/null
  total=$((${#KAFKA_EXT_UP[@]} + ${#KAFKA_EXT_DOWN[@]}))
  if ((${#KAFKA_EXT_DOWN[@]} == 0)); then
    printf 'kafka:    external, reachable (KAFKA_BROKERS=%s)\n' "$EXTERNAL_KAFKA_BROKERS"
  elif ((${#KAFKA_EXT_UP[@]} > 0)); then
    printf 'kafka:    external, DEGRADED: %s of %s brokers answer (KAFKA_BROKERS=%s)\n' \
      "${#KAFKA_EXT_UP[@]}" "$total" "$EXTERNAL_KAFKA_BROKERS"
    printf '          %s\n' "${KAFKA_EXT_DOWN[@]}"
  else
    printf 'kafka:    external, NOT reachable (KAFKA_BROKERS=%s)\n' "$EXTERNAL_KAFKA_BROKERS"
    return 1
  fi
}

# RabbitMQ for Surge: either reuse the broker named by SURGE_RABBITMQ, or run a
# private loopback-only node with its state under $SURGE_STATE/rabbitmq.
# Source scripts/lib/common.sh first.

SURGE_RABBITMQ_NODE="${SURGE_RABBITMQ_NODE:-surge@localhost}"
SURGE_RABBITMQ_PORT="${SURGE_RABBITMQ_PORT:-56720}"
SURGE_RABBITMQ_DIST_PORT="${SURGE_RABBITMQ_DIST_PORT:-56725}"
RABBITMQ_STATE_DIR="$SURGE_STATE/rabbitmq"
RABBITMQ_HOME_DIR="$RABBITMQ_STATE_DIR/home"
RABBITMQ_PID_PATH="$RABBITMQ_STATE_DIR/rabbitmq.pid"
RABBITMQ_MARKER="$RABBITMQ_STATE_DIR/started-by-surge"
RABBITMQ_EPMD_MARKER="$RABBITMQ_STATE_DIR/epmd-started-by-surge"
RABBITMQ_CTL_WRAPPER="$SURGE_STATE/bin/rabbitmqctl"
# Debian's /usr/sbin wrappers switch to the rabbitmq user with a fixed HOME and
# working folder, so the scripts call the real programs directly.
RABBITMQ_BIN_DIR="/usr/lib/rabbitmq/bin"
EPMD_PORT=4369

rabbitmq_is_external() {
    [[ -n "${SURGE_RABBITMQ:-}" ]]
}

# The OS user that owns the private node's files: the server drops to `rabbitmq`
# when started by root, and otherwise runs as the caller.
# NOTE: only the root path has been run. Starting the node as a non-root user is untested.
rabbitmq_owner() {
    if ((EUID == 0)); then
        printf 'rabbitmq'
    else
        id -un
    fi
}

# Install the Debian rabbitmq-server package when it is missing. apt-get runs
# non-interactively because CI runs without stdin.
rabbitmq_install() {
    if [[ -x "$RABBITMQ_BIN_DIR/rabbitmq-server" ]]; then
        return 0
    fi
    if ((EUID != 0)); then
        die "RabbitMQ is not installed. Install it with 'sudo apt-get install -y rabbitmq-server', or set SURGE_RABBITMQ to the AMQP URI of a running broker." \
            "未安装 RabbitMQ。请运行 'sudo apt-get install -y rabbitmq-server' 安装，或将 SURGE_RABBITMQ 设为一个正在运行的代理的 AMQP URI。"
    fi
    require_command apt-get \
        "Install RabbitMQ by hand, or set SURGE_RABBITMQ to the AMQP URI of a running broker." \
        "请手动安装 RabbitMQ，或将 SURGE_RABBITMQ 设为一个正在运行的代理的 AMQP URI。"

    say "Installing rabbitmq-server with apt-get..." "正在用 apt-get 安装 rabbitmq-server..."
    export DEBIAN_FRONTEND=noninteractive
    # A fresh machine or container often has no package lists yet.
    if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
        apt-get update -q </dev/null
    fi
    if ! apt-get install -y -q rabbitmq-server </dev/null; then
        # Stale package lists make the install fail with 404s, so refresh once.
        apt-get update -q </dev/null
        apt-get install -y -q rabbitmq-server </dev/null ||
            die "Installing rabbitmq-server with apt-get failed. See the apt-get output above." \
                "用 apt-get 安装 rabbitmq-server 失败，请查看上面的 apt-get 输出。"
    fi
}

# Export the environment shared by the server and the CLI tools. HOME points at a
# private folder whose .erlang.cookie both sides read, so the CLI can talk to the
# node whether it runs as root or as rabbitmq. The empty env file keeps
# /etc/rabbitmq/rabbitmq-env.conf from changing the private node.
rabbitmq_export_environment() {
    export HOME="$RABBITMQ_HOME_DIR"
    export RABBITMQ_NODENAME="$SURGE_RABBITMQ_NODE"
    export RABBITMQ_CONF_ENV_FILE="$RABBITMQ_STATE_DIR/rabbitmq-env.conf"
    export RABBITMQ_CONFIG_FILE="$RABBITMQ_STATE_DIR/rabbitmq.conf"
    export RABBITMQ_ENABLED_PLUGINS_FILE="$RABBITMQ_STATE_DIR/enabled_plugins"
    export RABBITMQ_MNESIA_BASE="$RABBITMQ_STATE_DIR/mnesia"
    export RABBITMQ_LOG_BASE="$RABBITMQ_STATE_DIR/log"
    export RABBITMQ_PID_FILE="$RABBITMQ_PID_PATH"
    export RABBITMQ_NODE_PORT="$SURGE_RABBITMQ_PORT"
    export RABBITMQ_DIST_PORT="$SURGE_RABBITMQ_DIST_PORT"
    # epmd started by any Erlang VM here listens on loopback only.
    export ERL_EPMD_ADDRESS=127.0.0.1
    # Erlang distribution listeners (the node's and each CLI call's) bind to loopback only.
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

# Run rabbitmqctl against the private node. It runs as the caller, which works for
# root because root can read the rabbitmq-owned cookie file.
rabbitmq_ctl() {
    (
        rabbitmq_export_environment
        "$RABBITMQ_BIN_DIR/rabbitmqctl" -n "$SURGE_RABBITMQ_NODE" "$@"
    )
}

# rabbitmq_ctl_bounded SECONDS ARGS...: rabbitmq_ctl that is killed after SECONDS,
# for calls that must not hang the scripts when the node is unreachable.
rabbitmq_ctl_bounded() {
    local seconds="$1"
    shift
    (
        rabbitmq_export_environment
        timeout "$seconds" "$RABBITMQ_BIN_DIR/rabbitmqctl" -n "$SURGE_RABBITMQ_NODE" "$@"
    )
}

# Write the cookie once. Erlang rejects a cookie file that others can read.
rabbitmq_write_cookie() {
    local cookie_file="$RABBITMQ_HOME_DIR/.erlang.cookie"
    if [[ -s "$cookie_file" ]]; then
        return 0
    fi
    # 24 random bytes as 48 hex digits; head stops on its own, so no stage of the
    # pipeline dies of SIGPIPE under pipefail.
    (
        umask 077
        head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$cookie_file"
    )
    chmod 400 "$cookie_file"
}

# Write the node's configuration. The files are rewritten on every start so that
# a changed SURGE_RABBITMQ_PORT takes effect.
rabbitmq_write_config() {
    : >"$RABBITMQ_STATE_DIR/rabbitmq-env.conf"
    # No plugins: the tests need AMQP only, and the management plugin would open
    # another listener.
    printf '[].\n' >"$RABBITMQ_STATE_DIR/enabled_plugins"
    cat >"$RABBITMQ_STATE_DIR/rabbitmq.conf" <<CONF
# Written by scripts/lib/rabbitmq.sh on every start, so edits are lost.
listeners.tcp.default = 127.0.0.1:$SURGE_RABBITMQ_PORT
# The free-disk limit (50MB, the RabbitMQ 3.10 default, made explicit) and a memory
# alarm at 60% of RAM (default 40%) block publishers only when the test machine is
# nearly out of disk or memory.
disk_free_limit.absolute = 50MB
vm_memory_high_watermark.relative = 0.6
CONF
}

# Create the state folders owned by the server's user, because the server exits
# without a message when it cannot write them.
rabbitmq_prepare_state() {
    local owner
    owner="$(rabbitmq_owner)"
    ensure_state_dir "$SURGE_STATE" "$SURGE_STATE/bin" "$RABBITMQ_STATE_DIR"
    mkdir -p "$RABBITMQ_HOME_DIR" "$RABBITMQ_STATE_DIR/mnesia" "$RABBITMQ_STATE_DIR/log"
    rabbitmq_write_cookie
    rabbitmq_write_config
    chown -R "$owner:" "$RABBITMQ_STATE_DIR"
    chmod 700 "$RABBITMQ_HOME_DIR"
}

# Write an executable that runs rabbitmqctl against the private node, for tests
# that create a vhost per test class.
rabbitmq_write_ctl_wrapper() {
    local lib_dir
    lib_dir="$(printf '%q' "$SURGE_ROOT/scripts/lib")"
    ensure_state_dir "$SURGE_STATE/bin"
    cat >"$RABBITMQ_CTL_WRAPPER" <<WRAPPER
#!/usr/bin/env bash
# Runs rabbitmqctl against the Surge node $SURGE_RABBITMQ_NODE with its cookie.
# Written by scripts/lib/rabbitmq.sh.
set -euo pipefail
# The node and its ports are fixed here, so the wrapper reaches the node it was
# written for whatever the calling shell exports.
export SURGE_RABBITMQ_NODE=$(printf '%q' "$SURGE_RABBITMQ_NODE")
export SURGE_RABBITMQ_PORT=$(printf '%q' "$SURGE_RABBITMQ_PORT")
export SURGE_RABBITMQ_DIST_PORT=$(printf '%q' "$SURGE_RABBITMQ_DIST_PORT")
source $lib_dir/common.sh
source $lib_dir/rabbitmq.sh
rabbitmq_ctl "\$@"
WRAPPER
    chmod 755 "$RABBITMQ_CTL_WRAPPER"
}

rabbitmq_pid() {
    local pid
    [[ -s "$RABBITMQ_PID_PATH" ]] || return 1
    pid="$(tr -dc '0-9' <"$RABBITMQ_PID_PATH")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
    printf '%s' "$pid"
}

# Succeed when the private node's process is alive and accepts AMQP connections.
rabbitmq_private_is_running() {
    rabbitmq_pid >/dev/null && port_is_open 127.0.0.1 "$SURGE_RABBITMQ_PORT"
}

epmd_is_running() {
    port_is_open 127.0.0.1 "$EPMD_PORT"
}

# Start epmd on loopback unless one already runs. A system epmd (for example the
# one of a system RabbitMQ) is shared and left alone when stopping.
rabbitmq_start_epmd() {
    if epmd_is_running; then
        if [[ ! -f "$RABBITMQ_EPMD_MARKER" ]]; then
            say "Using the epmd that another program started on port $EPMD_PORT; ./surge down will leave it running." \
                "使用其他程序在端口 $EPMD_PORT 上启动的 epmd；./surge down 不会停止它。"
        fi
        return 0
    fi
    require_command epmd "Install it with 'apt-get install -y erlang-base'." \
        "请运行 'apt-get install -y erlang-base' 安装。"
    run_as "$(rabbitmq_owner)" env ERL_EPMD_ADDRESS=127.0.0.1 epmd -daemon
    if ! wait_for_port 127.0.0.1 "$EPMD_PORT" 10; then
        die "epmd did not start listening on 127.0.0.1:$EPMD_PORT within 10 seconds." \
            "epmd 未能在 10 秒内开始监听 127.0.0.1:$EPMD_PORT。"
    fi
    date -u '+%Y-%m-%dT%H:%M:%SZ' >"$RABBITMQ_EPMD_MARKER"
}

rabbitmq_print_log_tail() {
    local log
    for log in "$RABBITMQ_STATE_DIR"/log/*.log; do
        [[ -f "$log" ]] || continue
        warn "--- last lines of $log ---" "--- $log 的最后几行 ---"
        tail -n 40 "$log" >&2
    done
}

# rabbitmq_await_startup SECONDS: wait until the node has booted and accepts AMQP
# connections. Right after `-detached` the node is not yet registered with epmd and
# await_startup fails at once with "node not running", so it is retried until the
# deadline. A node whose Erlang VM has exited fails at once.
rabbitmq_await_startup() {
    local deadline=$((SECONDS + $1)) remaining
    while ((SECONDS < deadline)); do
        remaining=$((deadline - SECONDS))
        if rabbitmq_ctl_bounded "$((remaining + 5))" --timeout "$remaining" await_startup >/dev/null 2>&1; then
            wait_for_port 127.0.0.1 "$SURGE_RABBITMQ_PORT" 10
            return
        fi
        if [[ -s "$RABBITMQ_PID_PATH" ]] && ! rabbitmq_pid >/dev/null; then
            warn "The RabbitMQ Erlang VM exited during startup." "RabbitMQ 的 Erlang 虚拟机在启动过程中退出。"
            return 1
        fi
        sleep 1
    done
    return 1
}

# Start the private node and wait until it accepts AMQP connections.
rabbitmq_start_private() {
    local owner start=$SECONDS
    owner="$(rabbitmq_owner)"

    if port_is_open 127.0.0.1 "$SURGE_RABBITMQ_PORT"; then
        die "Port $SURGE_RABBITMQ_PORT on 127.0.0.1 is in use by another program. Set SURGE_RABBITMQ_PORT to a free port, or SURGE_RABBITMQ to reuse that broker." \
            "127.0.0.1 上的端口 $SURGE_RABBITMQ_PORT 已被其他程序占用。请将 SURGE_RABBITMQ_PORT 设为空闲端口，或设置 SURGE_RABBITMQ 以复用该代理。"
    fi

    rabbitmq_prepare_state
    rabbitmq_write_ctl_wrapper
    rabbitmq_start_epmd
    # A pid file left by a killed node would make the startup check below see a dead VM.
    rm -f "$RABBITMQ_PID_PATH"

    say "Starting RabbitMQ node $SURGE_RABBITMQ_NODE on 127.0.0.1:$SURGE_RABBITMQ_PORT..." \
        "正在启动 RabbitMQ 节点 $SURGE_RABBITMQ_NODE（127.0.0.1:$SURGE_RABBITMQ_PORT）..."
    # The server's working folder must be readable by its user, and the caller's may not be.
    (
        cd "$RABBITMQ_STATE_DIR" || exit 1
        rabbitmq_export_environment
        run_as "$owner" env HOME="$RABBITMQ_HOME_DIR" \
            "$RABBITMQ_BIN_DIR/rabbitmq-server" -detached
    )

    if ! rabbitmq_await_startup 120; then
        rabbitmq_print_log_tail
        die "RabbitMQ node $SURGE_RABBITMQ_NODE did not start within 120 seconds. Its logs are in $RABBITMQ_STATE_DIR/log." \
            "RabbitMQ 节点 $SURGE_RABBITMQ_NODE 未能在 120 秒内启动。日志位于 $RABBITMQ_STATE_DIR/log。"
    fi
    date -u '+%Y-%m-%dT%H:%M:%SZ' >"$RABBITMQ_MARKER"
    say "RabbitMQ started in $(elapsed_since "$start") s." "RabbitMQ 已启动，用时 $(elapsed_since "$start") 秒。"
}

# Print HOST PORT parsed from an AMQP URI. The port defaults to 5672 (5671 for amqps).
rabbitmq_parse_uri_endpoint() {
    local uri="$1" rest host port
    rest="${uri#*://}"
    rest="${rest%%/*}"
    rest="${rest##*@}"
    if [[ "$rest" == \[*\]* ]]; then
        host="${rest%%]*}"
        host="${host#[}"
        port="${rest##*]}"
        port="${port#:}"
    elif [[ "$rest" == *:* ]]; then
        host="${rest%%:*}"
        port="${rest##*:}"
    else
        host="$rest"
        port=""
    fi
    if [[ -z "$port" ]]; then
        if [[ "$uri" == amqps://* ]]; then port=5671; else port=5672; fi
    fi
    printf '%s %s\n' "$host" "$port"
}

rabbitmq_check_external() {
    local host port
    read -r host port < <(rabbitmq_parse_uri_endpoint "$SURGE_RABBITMQ")
    if ! wait_for_port "$host" "$port" 5; then
        die "The broker in SURGE_RABBITMQ does not accept connections on $host:$port. Start it, or unset SURGE_RABBITMQ to use a private node." \
            "SURGE_RABBITMQ 指定的代理在 $host:$port 上不接受连接。请启动它，或取消设置 SURGE_RABBITMQ 以使用私有节点。"
    fi
    say "Using the RabbitMQ broker from SURGE_RABBITMQ ($host:$port)." \
        "使用 SURGE_RABBITMQ 指定的 RabbitMQ 代理（$host:$port）。"
}

# Make RabbitMQ available: check the external broker, reuse a running private node,
# or install and start one.
rabbitmq_up() {
    if rabbitmq_is_external; then
        rabbitmq_check_external
        return 0
    fi
    if rabbitmq_private_is_running; then
        rabbitmq_write_ctl_wrapper
        say "RabbitMQ node $SURGE_RABBITMQ_NODE already runs on 127.0.0.1:$SURGE_RABBITMQ_PORT; reusing it." \
            "RabbitMQ 节点 $SURGE_RABBITMQ_NODE 已在 127.0.0.1:$SURGE_RABBITMQ_PORT 上运行，将复用它。"
        return 0
    fi
    rabbitmq_install
    rabbitmq_start_private
}

# Stop the private node and the epmd, each only if these scripts started it.
rabbitmq_down() {
    if rabbitmq_is_external; then
        say "RabbitMQ comes from SURGE_RABBITMQ; leaving it running." \
            "RabbitMQ 来自 SURGE_RABBITMQ，保持其运行。"
        return 0
    fi
    if [[ -f "$RABBITMQ_MARKER" ]]; then
        if rabbitmq_pid >/dev/null; then
            say "Stopping RabbitMQ node $SURGE_RABBITMQ_NODE..." "正在停止 RabbitMQ 节点 $SURGE_RABBITMQ_NODE..."
            # With the pid file, stop waits until the Erlang VM has exited.
            rabbitmq_ctl_bounded 120 stop "$RABBITMQ_PID_PATH" >/dev/null
        fi
        rm -f "$RABBITMQ_MARKER"
    elif rabbitmq_private_is_running; then
        say "RabbitMQ node $SURGE_RABBITMQ_NODE was not started by ./surge; leaving it running." \
            "RabbitMQ 节点 $SURGE_RABBITMQ_NODE 不是由 ./surge 启动的，保持其运行。"
    else
        say "RabbitMQ is not running." "RabbitMQ 未运行。"
    fi
    rabbitmq_stop_epmd
}

# Stop the epmd these scripts started, unless other Erlang nodes still use it.
rabbitmq_stop_epmd() {
    [[ -f "$RABBITMQ_EPMD_MARKER" ]] || return 0
    if epmd_is_running; then
        if epmd -names 2>/dev/null | grep -q '^name '; then
            say "epmd still serves other Erlang nodes; leaving it running." \
                "epmd 仍在为其他 Erlang 节点服务，保持其运行。"
            return 0
        fi
        epmd -kill >/dev/null
    fi
    rm -f "$RABBITMQ_EPMD_MARKER"
}

rabbitmq_status() {
    if rabbitmq_is_external; then
        local host port
        read -r host port < <(rabbitmq_parse_uri_endpoint "$SURGE_RABBITMQ")
        if port_is_open "$host" "$port"; then
            say "RabbitMQ: external broker from SURGE_RABBITMQ at $host:$port, accepting connections." \
                "RabbitMQ：来自 SURGE_RABBITMQ 的外部代理 $host:$port，可以连接。"
        else
            say "RabbitMQ: external broker from SURGE_RABBITMQ at $host:$port, NOT accepting connections." \
                "RabbitMQ：来自 SURGE_RABBITMQ 的外部代理 $host:$port，无法连接。"
        fi
        return 0
    fi
    if rabbitmq_private_is_running; then
        local started_by="another program, not ./surge" started_by_zh="其他程序（不是 ./surge）"
        if [[ -f "$RABBITMQ_MARKER" ]]; then
            started_by="./surge at $(cat "$RABBITMQ_MARKER")"
            started_by_zh="./surge，于 $(cat "$RABBITMQ_MARKER")"
        fi
        say "RabbitMQ: node $SURGE_RABBITMQ_NODE (pid $(rabbitmq_pid)) runs, AMQP on 127.0.0.1:$SURGE_RABBITMQ_PORT, distribution on 127.0.0.1:$SURGE_RABBITMQ_DIST_PORT, started by $started_by." \
            "RabbitMQ：节点 $SURGE_RABBITMQ_NODE（pid $(rabbitmq_pid)）正在运行，AMQP 端口 127.0.0.1:$SURGE_RABBITMQ_PORT，分布式端口 127.0.0.1:$SURGE_RABBITMQ_DIST_PORT，启动者：$started_by_zh。"
        say "          AMQP URI: $(rabbitmq_uri /)" "          AMQP URI：$(rabbitmq_uri /)"
        say "          rabbitmqctl: $RABBITMQ_CTL_WRAPPER" "          rabbitmqctl：$RABBITMQ_CTL_WRAPPER"
    elif rabbitmq_pid >/dev/null; then
        # The node answers but not on this port: it was started with another SURGE_RABBITMQ_PORT.
        say "RabbitMQ: node $SURGE_RABBITMQ_NODE (pid $(rabbitmq_pid)) runs, but not on AMQP port $SURGE_RABBITMQ_PORT. Set SURGE_RABBITMQ_PORT to the port it was started with." \
            "RabbitMQ：节点 $SURGE_RABBITMQ_NODE（pid $(rabbitmq_pid)）正在运行，但不在 AMQP 端口 $SURGE_RABBITMQ_PORT 上。请将 SURGE_RABBITMQ_PORT 设为启动它时使用的端口。"
    else
        say "RabbitMQ: not running (port $SURGE_RABBITMQ_PORT)." "RabbitMQ：未运行（端口 $SURGE_RABBITMQ_PORT）。"
    fi
    if epmd_is_running; then
        if [[ -f "$RABBITMQ_EPMD_MARKER" ]]; then
            say "epmd: runs on 127.0.0.1:$EPMD_PORT, started by ./surge." "epmd：在 127.0.0.1:$EPMD_PORT 上运行，由 ./surge 启动。"
        else
            say "epmd: runs on port $EPMD_PORT, started by another program." "epmd：在端口 $EPMD_PORT 上运行，由其他程序启动。"
        fi
    fi
}

# Percent-encode every byte outside the URI unreserved set (RFC 3986). The body
# runs in a subshell so that LC_ALL=C (one character per byte) does not leak, and
# bash does not warn when restoring a locale that is not installed.
surge_url_encode() (
    export LC_ALL=C
    local text="$1" encoded="" char i
    for ((i = 0; i < ${#text}; i++)); do
        char="${text:i:1}"
        case "$char" in
            [A-Za-z0-9.~_-]) encoded+="$char" ;;
            *) encoded+="$(printf '%%%02X' "'$char")" ;;
        esac
    done
    printf '%s' "$encoded"
)

# rabbitmq_uri VHOST: print the AMQP URI of VHOST on the private node, or
# SURGE_RABBITMQ unchanged when it is set.
rabbitmq_uri() {
    local vhost="$1"
    if rabbitmq_is_external; then
        printf '%s\n' "$SURGE_RABBITMQ"
        return 0
    fi
    printf 'amqp://guest:guest@127.0.0.1:%s/%s\n' "$SURGE_RABBITMQ_PORT" "$(surge_url_encode "$vhost")"
}

# rabbitmq_recreate_vhost VHOST: delete VHOST with everything in it, create it
# empty and give guest full permissions on it.
rabbitmq_recreate_vhost() {
    local vhost="$1"
    if rabbitmq_is_external; then
        say "SURGE_RABBITMQ is set, so its vhost is used as is and '$vhost' is not created." \
            "已设置 SURGE_RABBITMQ，因此按原样使用其 vhost，不创建 '$vhost'。"
        return 0
    fi
    if rabbitmq_ctl_bounded 60 --silent list_vhosts name 2>/dev/null | grep -Fxq -- "$vhost"; then
        rabbitmq_ctl_bounded 60 --quiet delete_vhost "$vhost" >/dev/null
    fi
    rabbitmq_ctl_bounded 60 --quiet add_vhost "$vhost" >/dev/null
    rabbitmq_ctl_bounded 60 --quiet set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null
}

# Print the command line for SURGE_TEST_RABBITMQCTL: empty for an external broker.
rabbitmq_ctl_command() {
    if rabbitmq_is_external; then
        printf '\n'
    else
        printf '%s\n' "$RABBITMQ_CTL_WRAPPER"
    fi
}

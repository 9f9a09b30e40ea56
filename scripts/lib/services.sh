# The Surge services for ./surge: build them, start each as a background process
# with its settings, wait until each is ready, and stop the ones these scripts
# started. Defines services_up, services_down and demo_run. Source common.sh,
# postgres.sh and rabbitmq.sh first.
#
# Two environments run side by side and share no state. Their settings are:
#
#   environment  command       database    vhost       ports      data plane
#   main         ./surge up    surge       surge       5080-5085  5090
#   demo         ./surge demo  surge_demo  surge-demo  5180-5185  5190
#
# Logs go to $SURGE_STATE/logs/ENV/SERVICE.log and pid files to
# $SURGE_STATE/run/ENV/SERVICE.pid.

# The gateway routes to the other services, so it starts once they are ready.
SURGE_BACKEND_SERVICES=(Capacity Ipam Provisioner Rollout LoadBalancer)
SURGE_ALL_SERVICES=("${SURGE_BACKEND_SERVICES[@]}" Gateway)

# Seconds that each start phase (the backends, then the gateway) may take until
# every service in it responds to /health/ready with 200.
SURGE_SERVICES_READY_SECONDS="${SURGE_SERVICES_READY_SECONDS:-90}"
# Seconds between SIGTERM and SIGKILL when stopping a service. The services
# themselves allow 15 seconds for a graceful shutdown.
SURGE_SERVICES_STOP_SECONDS=20
# The solution that services_up builds; set it to build another one.
SURGE_SOLUTION="${SURGE_SOLUTION:-$SURGE_ROOT/Surge.slnx}"
# Simulated time runs 200 times faster than real time, so the reference
# latencies of minutes take about a second.
SURGE_SIMULATED_TIME_SCALE=0.005

# services_select_environment ENV: set the SERVICES_* variables of ENV (main or demo).
services_select_environment() {
    case "$1" in
        main)
            SERVICES_DATABASE=surge
            SERVICES_VHOST=surge
            SERVICES_BASE_PORT=5080
            SERVICES_INSTANCE_PORT=8080
            # ./surge up leaves services running, so a second run reuses the ready ones.
            SERVICES_REUSE_READY=1
            ;;
        demo)
            SERVICES_DATABASE=surge_demo
            SERVICES_VHOST=surge-demo
            SERVICES_BASE_PORT=5180
            SERVICES_INSTANCE_PORT=18080
            # The demo recreates its database, so a service that the demo did not
            # start would run against state that the demo did not create.
            SERVICES_REUSE_READY=0
            ;;
        *)
            die "Unknown services environment '$1': expected main or demo." \
                "未知的服务环境 '$1'：应为 main 或 demo。"
            ;;
    esac
    SERVICES_ENV="$1"
    # With a shared broker (SURGE_RABBITMQ) every environment uses the same virtual host, so each prefixes its
    # exchanges and queues to keep the main environment and the demo from receiving each other's messages.
    SERVICES_ENTITY_PREFIX=""
    if [[ "$1" != main ]]; then
        SERVICES_ENTITY_PREFIX="$1."
    fi
    SERVICES_DATA_PLANE_PORT=$((SERVICES_BASE_PORT + 10))
    SERVICES_LOG_DIR="$SURGE_STATE/logs/$1"
    SERVICES_RUN_DIR="$SURGE_STATE/run/$1"
}

# services_port NAME: print the HTTP port of service NAME in the selected environment.
services_port() {
    local offset
    case "$1" in
        Gateway) offset=0 ;;
        Capacity) offset=1 ;;
        Ipam) offset=2 ;;
        Provisioner) offset=3 ;;
        Rollout) offset=4 ;;
        LoadBalancer) offset=5 ;;
        *) die "Unknown service '$1'." "未知服务 '$1'。" ;;
    esac
    printf '%s' "$((SERVICES_BASE_PORT + offset))"
}

services_url() {
    printf 'http://127.0.0.1:%s' "$(services_port "$1")"
}

services_dll() {
    printf '%s' "$SURGE_ROOT/services/$1/bin/Release/net10.0/Surge.$1.dll"
}

services_cli_dll() {
    printf '%s' "$SURGE_ROOT/tools/Cli/bin/Release/net10.0/surge-cli.dll"
}

# The service name in file names and in Surge__ServiceName: lowercase, as each
# service passes it to AddServiceDefaults.
services_key() {
    printf '%s' "${1,,}"
}

services_pid_file() {
    printf '%s' "$SERVICES_RUN_DIR/$(services_key "$1").pid"
}

services_log_file() {
    printf '%s' "$SERVICES_LOG_DIR/$(services_key "$1").log"
}

# services_is_ready NAME: succeed when NAME responds to GET /health/ready with 200.
services_is_ready() {
    curl --silent --fail --output /dev/null --max-time 2 "$(services_url "$1")/health/ready"
}

# services_pid NAME: print the pid from NAME's pid file when that process is alive
# and still runs NAME's assembly. The check on the assembly skips a pid that the
# kernel has since given to another program.
services_pid() {
    local file pid
    file="$(services_pid_file "$1")"
    [[ -s "$file" ]] || return 1
    pid="$(tr -dc '0-9' <"$file")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "Surge.$1.dll" || return 1
    printf '%s' "$pid"
}

services_print_log_tail() {
    local log
    log="$(services_log_file "$1")"
    [[ -f "$log" ]] || return 0
    warn "--- last lines of $log ---" "--- $log 的最后几行 ---"
    tail -n 40 "$log" >&2
}

# Build the solution once per ./surge run and check that every assembly the
# scripts start exists.
services_build() {
    if [[ -n "${SERVICES_BUILT:-}" ]]; then
        return 0
    fi
    if [[ ! -f "$SURGE_SOLUTION" ]]; then
        die "The solution $SURGE_SOLUTION does not exist, so the services cannot be built." \
            "解决方案 $SURGE_SOLUTION 不存在，因此无法构建服务。"
    fi

    local log="$SURGE_STATE/logs/build.log" start=$SECONDS
    ensure_state_dir "$SURGE_STATE" "$SURGE_STATE/logs"
    say "Building $(basename "$SURGE_SOLUTION") (Release)..." "正在构建 $(basename "$SURGE_SOLUTION")（Release）..."
    if ! dotnet build "$SURGE_SOLUTION" -c Release -nologo >"$log" 2>&1; then
        warn "--- last lines of $log ---" "--- $log 的最后几行 ---"
        tail -n 40 "$log" >&2
        die "Building $SURGE_SOLUTION failed; the whole log is in $log." \
            "构建 $SURGE_SOLUTION 失败；完整日志位于 $log。"
    fi
    say "Built in $(elapsed_since "$start") s." "构建完成，用时 $(elapsed_since "$start") 秒。"

    local name missing=()
    for name in "${SURGE_ALL_SERVICES[@]}"; do
        [[ -f "$(services_dll "$name")" ]] || missing+=("$(services_dll "$name")")
    done
    [[ -f "$(services_cli_dll)" ]] || missing+=("$(services_cli_dll)")
    if ((${#missing[@]} > 0)); then
        local list
        list="$(printf '  %s\n' "${missing[@]#"$SURGE_ROOT"/}")"
        die "The build succeeded but did not produce:
$list
Add the projects that build them (services/<Name>/<Name>.csproj, tools/Cli/Cli.csproj) to $SURGE_SOLUTION." \
            "构建成功，但未生成：
$list
请将生成它们的项目（services/<Name>/<Name>.csproj、tools/Cli/Cli.csproj）加入 $SURGE_SOLUTION。"
    fi
    SERVICES_BUILT=1
}

# services_ensure_database DB: create database DB unless it exists.
services_ensure_database() {
    local database="$1"
    # \gexec runs the CREATE only when the SELECT returns a row; %I quotes the name.
    postgres_psql -v database="$database" <<'SQL'
SELECT format('CREATE DATABASE %I', :'database')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database')\gexec
SQL
}

# services_ensure_vhost VHOST: create VHOST unless it exists, and give guest full
# permissions on it.
services_ensure_vhost() {
    local vhost="$1"
    if rabbitmq_is_external; then
        return 0
    fi
    if ! rabbitmq_ctl_bounded 60 --silent list_vhosts name 2>/dev/null | grep -Fxq -- "$vhost"; then
        rabbitmq_ctl_bounded 60 --quiet add_vhost "$vhost" >/dev/null || return 1
    fi
    rabbitmq_ctl_bounded 60 --quiet set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null
}

# services_environment_variables NAME: print NAME's settings, one NAME=VALUE a line.
# Print the environment's admin API key, creating it on first use. The key stays in a file only root can read, so
# the CLI and the operator can use it: export SURGE_API_KEY="$(cat .surge/run/main/api-key)".
services_api_key() {
    local file="$SERVICES_RUN_DIR/api-key"
    if [[ ! -s "$file" ]]; then
        mkdir -p "$SERVICES_RUN_DIR"
        (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$file")
    fi
    cat "$file"
}

services_environment_variables() {
    local name="$1" backend
    printf '%s\n' \
        "ConnectionStrings__Postgres=$(postgres_connection_string "$SERVICES_DATABASE")" \
        "ConnectionStrings__RabbitMq=$(rabbitmq_uri "$SERVICES_VHOST")" \
        "Surge__ServiceName=$(services_key "$name")" \
        "Messaging__EntityPrefix=$SERVICES_ENTITY_PREFIX"
    case "$name" in
        Gateway)
            printf '%s\n' \
                "Gateway__Authentication__ApiKeys__0__Name=local-admin" \
                "Gateway__Authentication__ApiKeys__0__Key=$(services_api_key)" \
                "Gateway__Authentication__ApiKeys__0__Role=admin"
            for backend in "${SURGE_BACKEND_SERVICES[@]}"; do
                printf 'Gateway__Services__%s=%s\n' "$backend" "$(services_url "$backend")"
            done
            ;;
        LoadBalancer)
            printf 'LoadBalancer__DataPlaneUrl=http://127.0.0.1:%s\n' "$SERVICES_DATA_PLANE_PORT"
            ;;
        Provisioner)
            printf 'SimulatedDataCentre__TimeScale=%s\n' "$SURGE_SIMULATED_TIME_SCALE"
            printf 'SimulatedDataCentre__InstancePort=%s\n' "$SERVICES_INSTANCE_PORT"
            ;;
    esac
}

# services_start NAME: start NAME in the background unless it is ready or
# starting already. The process gets its own session, so a Ctrl-C in the terminal
# does not reach it, and it writes its own pid file before it execs dotnet.
services_start() {
    local name="$1" port pid log pid_file variables=()
    port="$(services_port "$name")"

    if pid="$(services_pid "$name")"; then
        say "$name already runs (pid $pid) on port $port." "$name 已在运行（pid $pid），端口 $port。"
        return 0
    fi
    if ((SERVICES_REUSE_READY)) && services_is_ready "$name"; then
        say "$name already answers on port $port; reusing it." "$name 已在端口 $port 上响应，将复用它。"
        return 0
    fi
    if port_is_open 127.0.0.1 "$port"; then
        die "Port $port on 127.0.0.1, which $name uses in the $SERVICES_ENV environment, is in use by another program. Stop that program, or run ./surge down if it is a Surge service started earlier." \
            "$SERVICES_ENV 环境中 $name 使用的 127.0.0.1 端口 $port 已被其他程序占用。请停止该程序；如果是之前启动的 Surge 服务，请运行 ./surge down。"
    fi

    log="$(services_log_file "$name")"
    pid_file="$(services_pid_file "$name")"
    if [[ -f "$log" ]]; then
        mv -f "$log" "$log.previous"
    fi
    rm -f "$pid_file"
    mapfile -t variables < <(services_environment_variables "$name")

    # The content root is the build output, which contains the service's appsettings.json.
    # The process runs from the repository root, where ASP.NET Core would look otherwise.
    (
        cd "$SURGE_ROOT" || exit 1
        setsid bash -c 'printf "%s\n" "$$" >"$1"; shift; exec "$@"' _ "$pid_file" \
            env "${variables[@]}" dotnet "$(services_dll "$name")" --urls "$(services_url "$name")" \
            --contentRoot "$(dirname "$(services_dll "$name")")" \
            >"$log" 2>&1 </dev/null &
    )
    say "Started $name on port $port (log $log)." "已启动 $name，端口 $port（日志 $log）。"
}

# services_wait_ready NAME...: wait until every NAME responds to /health/ready, for at
# most SURGE_SERVICES_READY_SECONDS. A service whose process exits fails at once.
services_wait_ready() {
    local pending=("$@") still_pending name deadline=$((SECONDS + SURGE_SERVICES_READY_SECONDS))
    while ((${#pending[@]} > 0)); do
        still_pending=()
        for name in "${pending[@]}"; do
            if services_is_ready "$name"; then
                say "$name is ready at $(services_url "$name")." "$name 已就绪：$(services_url "$name")。"
            elif [[ -s "$(services_pid_file "$name")" ]] && ! services_pid "$name" >/dev/null; then
                services_print_log_tail "$name"
                die "$name exited while starting; its log is in $(services_log_file "$name")." \
                    "$name 在启动过程中退出；日志位于 $(services_log_file "$name")。"
            else
                still_pending+=("$name")
            fi
        done
        pending=("${still_pending[@]}")
        if ((${#pending[@]} > 0 && SECONDS >= deadline)); then
            for name in "${pending[@]}"; do
                services_print_log_tail "$name"
            done
            die "${pending[*]} did not respond to GET /health/ready with 200 within $SURGE_SERVICES_READY_SECONDS s. The logs are in $SERVICES_LOG_DIR; run ./surge down to stop what did start." \
                "${pending[*]} 未能在 $SURGE_SERVICES_READY_SECONDS 秒内对 GET /health/ready 返回 200。日志位于 $SERVICES_LOG_DIR；运行 ./surge down 可停止已启动的服务。"
        fi
        if ((${#pending[@]} > 0)); then
            sleep 0.5
        fi
    done
}

# Build, then start the backends, wait for them, and start the gateway.
services_start_all() {
    services_build
    ensure_state_dir "$SURGE_STATE" "$SURGE_STATE/logs" "$SURGE_STATE/run"
    mkdir -p "$SERVICES_LOG_DIR" "$SERVICES_RUN_DIR"

    local name
    for name in "${SURGE_BACKEND_SERVICES[@]}"; do
        services_start "$name"
    done
    services_wait_ready "${SURGE_BACKEND_SERVICES[@]}"
    services_start Gateway
    services_wait_ready Gateway
}

services_require_tools() {
    require_command curl "Install it with 'apt-get install -y curl'." "请运行 'apt-get install -y curl' 安装。"
}

# services_up ENV: start the services of ENV, reusing those already ready, and
# (for main) apply samples/demo-fleet.yaml.
services_up() {
    services_select_environment "$1"
    services_require_tools
    services_build

    services_ensure_database "$SERVICES_DATABASE" ||
        die "Creating the database $SERVICES_DATABASE failed (see the psql error above)." \
            "创建数据库 $SERVICES_DATABASE 失败（见上面的 psql 错误）。"
    services_ensure_vhost "$SERVICES_VHOST" ||
        die "Creating the RabbitMQ vhost $SERVICES_VHOST failed (see the rabbitmqctl error above)." \
            "创建 RabbitMQ vhost $SERVICES_VHOST 失败（见上面的 rabbitmqctl 错误）。"
    services_start_all

    local gateway status=0
    gateway="$(services_url Gateway)"
    if [[ "$SERVICES_ENV" == main ]]; then
        # The same scenario as the demo: apply the fleet, fire an alarm, follow the saga, send traffic, print the
        # audit trail. Each run fires a new incident, so repeated runs keep scaling feed-api out until its policy's
        # maximum, after which the alarm is declined and the scenario reports that. The services keep running.
        SURGE_API_KEY="$(services_api_key)" dotnet "$(services_cli_dll)" demo \
            --gateway "$gateway" \
            --data-plane "http://127.0.0.1:$SERVICES_DATA_PLANE_PORT" \
            --fleet "$SURGE_ROOT/samples/demo-fleet.yaml" || status=$?
    fi

    say "
Surge is running ($SERVICES_ENV environment):
  Gateway     $gateway
  OpenAPI     $gateway/openapi/v1.json
  Data plane  http://127.0.0.1:$SERVICES_DATA_PLANE_PORT
  Logs        $SERVICES_LOG_DIR
  API key     $SERVICES_RUN_DIR/api-key (export SURGE_API_KEY=\"\$(cat $SERVICES_RUN_DIR/api-key)\")
Stop it with ./surge down." \
        "
Surge 正在运行（$SERVICES_ENV 环境）：
  网关        $gateway
  OpenAPI     $gateway/openapi/v1.json
  数据平面    http://127.0.0.1:$SERVICES_DATA_PLANE_PORT
  日志        $SERVICES_LOG_DIR
  API 密钥    $SERVICES_RUN_DIR/api-key（export SURGE_API_KEY=\"\$(cat $SERVICES_RUN_DIR/api-key)\"）
使用 ./surge down 停止。"
    return "$status"
}

# services_down ENV: stop the services of ENV whose pid files these scripts wrote:
# SIGTERM, then SIGKILL after SURGE_SERVICES_STOP_SECONDS. Other processes on the
# same ports are left alone.
services_down() {
    services_select_environment "$1"
    local name pid stopping=() names=()
    for name in "${SURGE_ALL_SERVICES[@]}"; do
        if pid="$(services_pid "$name")"; then
            kill -TERM "$pid" 2>/dev/null || true
            stopping+=("$pid")
            names+=("$name")
        else
            rm -f "$(services_pid_file "$name")"
        fi
    done
    if ((${#stopping[@]} == 0)); then
        say "No services of the $SERVICES_ENV environment started by ./surge are running." \
            "没有由 ./surge 启动的 $SERVICES_ENV 环境服务在运行。"
        return 0
    fi

    say "Stopping ${names[*]} ($SERVICES_ENV environment)..." "正在停止 ${names[*]}（$SERVICES_ENV 环境）..."
    local deadline=$((SECONDS + SURGE_SERVICES_STOP_SECONDS)) alive
    while true; do
        alive=()
        for pid in "${stopping[@]}"; do
            if kill -0 "$pid" 2>/dev/null; then
                alive+=("$pid")
            fi
        done
        if ((${#alive[@]} == 0)); then
            break
        fi
        if ((SECONDS >= deadline)); then
            warn "Processes ${alive[*]} did not exit within $SURGE_SERVICES_STOP_SECONDS s of SIGTERM; sending SIGKILL." \
                "进程 ${alive[*]} 在收到 SIGTERM 后 $SURGE_SERVICES_STOP_SECONDS 秒内未退出；发送 SIGKILL。"
            kill -KILL "${alive[@]}" 2>/dev/null || true
            break
        fi
        sleep 0.2
    done

    for name in "${names[@]}"; do
        rm -f "$(services_pid_file "$name")"
    done
    say "Stopped." "已停止。"
}

# Stop the demo's services; the demo's EXIT, INT and TERM traps call this.
# Print each service of ENV with its port, process id and readiness.
services_status() {
    services_select_environment "$1"
    local name pid
    for name in "${SURGE_ALL_SERVICES[@]}"; do
        pid="$(services_pid "$name" || true)"
        if [[ -z "$pid" ]]; then
            continue
        fi
        if services_is_ready "$name"; then
            say "  $SERVICES_ENV  $name: pid $pid, $(services_url "$name"), ready" \
                "  $SERVICES_ENV  $name：pid $pid，$(services_url "$name")，就绪"
        else
            say "  $SERVICES_ENV  $name: pid $pid, $(services_url "$name"), not ready (log $(services_log_file "$name"))" \
                "  $SERVICES_ENV  $name：pid $pid，$(services_url "$name")，未就绪（日志 $(services_log_file "$name")）"
        fi
    done
}

services_demo_cleanup() {
    trap - EXIT INT TERM
    services_down demo
}

# demo_run: run the demo in its own environment with a fresh database and vhost,
# then stop the services it started. Returns surge-cli demo's exit code.
demo_run() {
    services_select_environment demo
    services_require_tools
    services_build
    # Services left by an interrupted demo still use the database about to be dropped.
    if compgen -G "$SERVICES_RUN_DIR/*.pid" >/dev/null; then
        services_down demo
    fi

    say "Recreating database $SERVICES_DATABASE and vhost $SERVICES_VHOST..." \
        "正在重建数据库 $SERVICES_DATABASE 和 vhost $SERVICES_VHOST..."
    postgres_recreate_database "$SERVICES_DATABASE" ||
        die "Recreating the database $SERVICES_DATABASE failed (see the psql error above)." \
            "重建数据库 $SERVICES_DATABASE 失败（见上面的 psql 错误）。"
    rabbitmq_recreate_vhost "$SERVICES_VHOST" ||
        die "Recreating the RabbitMQ vhost $SERVICES_VHOST failed (see the rabbitmqctl error above)." \
            "重建 RabbitMQ vhost $SERVICES_VHOST 失败（见上面的 rabbitmqctl 错误）。"

    trap services_demo_cleanup EXIT
    trap 'services_demo_cleanup; exit 130' INT
    trap 'services_demo_cleanup; exit 143' TERM
    services_start_all

    local status=0
    SURGE_API_KEY="$(services_api_key)" dotnet "$(services_cli_dll)" demo \
        --gateway "$(services_url Gateway)" \
        --data-plane "http://127.0.0.1:$SERVICES_DATA_PLANE_PORT" \
        --fleet "$SURGE_ROOT/samples/demo-fleet.yaml" || status=$?

    services_demo_cleanup
    return "$status"
}

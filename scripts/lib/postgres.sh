# PostgreSQL for Surge: either reuse the server named by SURGE_POSTGRES, or run a
# private loopback-only cluster with its data under $SURGE_STATE/postgres.
# Source scripts/lib/common.sh first.

# 55432 rather than 5432, so that the private cluster never clashes with a system
# PostgreSQL.
SURGE_POSTGRES_PORT="${SURGE_POSTGRES_PORT:-55432}"
POSTGRES_STATE_DIR="$SURGE_STATE/postgres"
POSTGRES_DATA_DIR="$POSTGRES_STATE_DIR/data"
POSTGRES_SOCKET_DIR="$POSTGRES_STATE_DIR/run"
POSTGRES_MARKER="$POSTGRES_STATE_DIR/started-by-surge"
POSTGRES_LOG="$SURGE_STATE/logs/postgres.log"
# Several services and test processes each keep a connection pool, and the
# default of 100 runs out.
POSTGRES_MAX_CONNECTIONS=300

postgres_is_external() {
    [[ -n "${SURGE_POSTGRES:-}" ]]
}

# The OS user that owns the private cluster. PostgreSQL does not run as root, so
# root runs it as `postgres`.
# NOTE: only the root path has been run. Starting the cluster as a non-root user is untested.
postgres_owner() {
    if ((EUID == 0)); then
        printf 'postgres'
    else
        id -un
    fi
}

# Set POSTGRES_BIN_DIR to the folder with initdb and pg_ctl: the ones on PATH,
# else the newest /usr/lib/postgresql/<version>/bin, where Debian installs them
# without putting them on PATH.
postgres_find_binaries() {
    if [[ -n "${POSTGRES_BIN_DIR:-}" ]]; then
        return 0
    fi
    local initdb_path candidate
    if initdb_path="$(command -v initdb)" && command -v pg_ctl >/dev/null; then
        POSTGRES_BIN_DIR="$(dirname "$initdb_path")"
        return 0
    fi
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then
            POSTGRES_BIN_DIR="$candidate"
            return 0
        fi
    done
    die "PostgreSQL server programs (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin. Install them with 'apt-get install -y postgresql-15', add /usr/lib/postgresql/15/bin to PATH, or set SURGE_POSTGRES to the connection string of a running server." \
        "在 PATH 和 /usr/lib/postgresql/*/bin 中未找到 PostgreSQL 服务器程序（initdb、pg_ctl）。请运行 'apt-get install -y postgresql-15' 安装，或将 /usr/lib/postgresql/15/bin 加入 PATH，或将 SURGE_POSTGRES 设为一个正在运行的服务器的连接字符串。"
}

postgres_pg_ctl() {
    run_as "$(postgres_owner)" "$POSTGRES_BIN_DIR/pg_ctl" -D "$POSTGRES_DATA_DIR" "$@"
}

# Succeed when the private cluster's postmaster is alive and accepts TCP connections.
# pg_ctl status alone also succeeds for a killed postmaster that is not reaped yet.
postgres_private_is_running() {
    [[ -f "$POSTGRES_DATA_DIR/PG_VERSION" ]] || return 1
    postgres_find_binaries
    postgres_pg_ctl status >/dev/null 2>&1 && port_is_open 127.0.0.1 "$SURGE_POSTGRES_PORT"
}

# Create the state folders. Only the postgres subtree and the log file belong to the
# server's user, and the rest of the project stays with its owner.
postgres_prepare_state() {
    local owner
    owner="$(postgres_owner)"
    ensure_state_dir "$SURGE_STATE" "$SURGE_STATE/logs" "$POSTGRES_STATE_DIR"
    mkdir -p "$POSTGRES_SOCKET_DIR"
    touch "$POSTGRES_LOG"
    chown -R "$owner:" "$POSTGRES_STATE_DIR"
    chown "$owner:" "$POSTGRES_LOG"

    # initdb and the server need to reach the data folder through every parent.
    if ! run_as "$owner" test -w "$POSTGRES_STATE_DIR"; then
        die "User '$owner' cannot reach $POSTGRES_STATE_DIR, so PostgreSQL cannot use it. Make every parent folder traversable (chmod o+x) or clone the repository elsewhere, or set SURGE_POSTGRES." \
            "用户 '$owner' 无法访问 $POSTGRES_STATE_DIR，因此 PostgreSQL 无法使用它。请让每个上级目录可被遍历（chmod o+x），或将仓库克隆到别处，或设置 SURGE_POSTGRES。"
    fi
}

postgres_init_cluster() {
    say "Creating a PostgreSQL cluster in $POSTGRES_DATA_DIR..." "正在 $POSTGRES_DATA_DIR 中创建 PostgreSQL 集群..."
    mkdir -p "$POSTGRES_DATA_DIR"
    chown "$(postgres_owner):" "$POSTGRES_DATA_DIR"
    chmod 700 "$POSTGRES_DATA_DIR"
    # Trust authentication lets any local user connect as postgres. That is
    # acceptable only because the server listens on 127.0.0.1 and is a throwaway
    # dev and test cluster. The C locale always exists, whatever LANG is set to.
    if ! run_as "$(postgres_owner)" "$POSTGRES_BIN_DIR/initdb" -D "$POSTGRES_DATA_DIR" \
        --auth=trust -U postgres --encoding=UTF8 --no-locale >>"$POSTGRES_LOG" 2>&1; then
        tail -n 20 "$POSTGRES_LOG" >&2
        die "initdb failed for $POSTGRES_DATA_DIR. See $POSTGRES_LOG." \
            "initdb 在 $POSTGRES_DATA_DIR 上失败，请查看 $POSTGRES_LOG。"
    fi
    printf "\n# Settings written by ./surge on every start.\ninclude_if_exists = 'surge.conf'\n" \
        >>"$POSTGRES_DATA_DIR/postgresql.conf"
}

# Rewrite surge.conf on every start so that a changed SURGE_POSTGRES_PORT applies.
postgres_write_config() {
    local socket_dir="${POSTGRES_SOCKET_DIR//\'/\'\'}"
    run_as "$(postgres_owner)" tee "$POSTGRES_DATA_DIR/surge.conf" >/dev/null <<CONF
# Written by scripts/lib/postgres.sh on every start, so edits are lost.
listen_addresses = '127.0.0.1'
port = $SURGE_POSTGRES_PORT
unix_socket_directories = '$socket_dir'
max_connections = $POSTGRES_MAX_CONNECTIONS
CONF
}

postgres_start_private() {
    local start=$SECONDS

    if port_is_open 127.0.0.1 "$SURGE_POSTGRES_PORT"; then
        die "Port $SURGE_POSTGRES_PORT on 127.0.0.1 is in use by another program. Set SURGE_POSTGRES_PORT to a free port, or SURGE_POSTGRES to reuse that server." \
            "127.0.0.1 上的端口 $SURGE_POSTGRES_PORT 已被其他程序占用。请将 SURGE_POSTGRES_PORT 设为空闲端口，或设置 SURGE_POSTGRES 以复用该服务器。"
    fi

    postgres_prepare_state
    if [[ ! -f "$POSTGRES_DATA_DIR/PG_VERSION" ]]; then
        postgres_init_cluster
    fi
    postgres_write_config

    say "Starting PostgreSQL on 127.0.0.1:$SURGE_POSTGRES_PORT..." "正在启动 PostgreSQL（127.0.0.1:$SURGE_POSTGRES_PORT）..."
    if ! postgres_pg_ctl -l "$POSTGRES_LOG" -w -t 60 start >/dev/null ||
        ! wait_for_port 127.0.0.1 "$SURGE_POSTGRES_PORT" 10; then
        tail -n 20 "$POSTGRES_LOG" >&2
        die "PostgreSQL did not start within 60 seconds. See $POSTGRES_LOG." \
            "PostgreSQL 未能在 60 秒内启动，请查看 $POSTGRES_LOG。"
    fi
    date -u '+%Y-%m-%dT%H:%M:%SZ' >"$POSTGRES_MARKER"
    say "PostgreSQL started in $(elapsed_since "$start") s." "PostgreSQL 已启动，用时 $(elapsed_since "$start") 秒。"
}

# Write an executable that restarts the private cluster, for the chaos tests that
# rehearse a database restart in the middle of a run. Print its path.
postgres_write_restart_wrapper() {
    local lib_dir wrapper="$SURGE_STATE/bin/pg-restart"
    lib_dir="$(printf '%q' "$SURGE_ROOT/scripts/lib")"
    ensure_state_dir "$SURGE_STATE/bin"
    cat >"$wrapper" <<WRAPPER
#!/usr/bin/env bash
# Restarts the private PostgreSQL cluster of this checkout: fast shutdown, then start.
# With an argument, the cluster stays down for that many seconds in between.
# Written by scripts/lib/postgres.sh.
set -euo pipefail
source $lib_dir/common.sh
source $lib_dir/postgres.sh
postgres_find_binaries
postgres_pg_ctl -l "\$POSTGRES_LOG" -w -t 60 -m fast stop >/dev/null
sleep "\${1:-0}"
postgres_pg_ctl -l "\$POSTGRES_LOG" -w -t 60 start >/dev/null
WRAPPER
    chmod 755 "$wrapper"
    printf '%s' "$wrapper"
}

# postgres_connection_string_value CONNECTION_STRING KEY...: print the value of the
# first part whose key matches one of KEY (Npgsql synonyms, lowercase, no spaces),
# or nothing when none matches.
postgres_connection_string_value() {
    local connection_string="$1" part key value synonym
    shift
    local IFS=';'
    for part in $connection_string; do
        key="${part%%=*}"
        value="${part#*=}"
        key="$(printf '%s' "$key" | tr -d ' ' | tr '[:upper:]' '[:lower:]')"
        for synonym in "$@"; do
            if [[ "$key" == "$synonym" ]]; then
                printf '%s' "$value"
                return 0
            fi
        done
    done
}

# Run psql against the server in use. psql reads the endpoint from PG* variables.
postgres_psql() {
    local host port user password
    if postgres_is_external; then
        host="$(postgres_connection_string_value "$SURGE_POSTGRES" host server)"
        port="$(postgres_connection_string_value "$SURGE_POSTGRES" port)"
        user="$(postgres_connection_string_value "$SURGE_POSTGRES" username userid uid)"
        password="$(postgres_connection_string_value "$SURGE_POSTGRES" password psw pwd)"
    else
        host=127.0.0.1
        port="$SURGE_POSTGRES_PORT"
        user=postgres
        password=""
    fi
    require_command psql "Install it with 'apt-get install -y postgresql-client-15'." \
        "请运行 'apt-get install -y postgresql-client-15' 安装。"
    local environment=(PGHOST="${host:-127.0.0.1}" PGPORT="${port:-5432}" PGUSER="${user:-postgres}"
        PGDATABASE=postgres PGCONNECT_TIMEOUT=5 PGOPTIONS="-c client_min_messages=warning"
        # Debian's psql is a Perl wrapper that warns about a LANG whose locale is not generated, such as zh_CN.UTF-8.
        LC_ALL=C.UTF-8)
    # An empty PGPASSWORD would hide a password from ~/.pgpass, so set it only when given.
    if [[ -n "$password" ]]; then
        environment+=(PGPASSWORD="$password")
    fi
    env "${environment[@]}" psql -X -q -v ON_ERROR_STOP=1 "$@"
}

postgres_check_external() {
    local host port
    host="$(postgres_connection_string_value "$SURGE_POSTGRES" host server)"
    port="$(postgres_connection_string_value "$SURGE_POSTGRES" port)"
    host="${host:-127.0.0.1}"
    port="${port:-5432}"
    if command -v psql >/dev/null; then
        if ! postgres_psql -c 'SELECT 1' >/dev/null; then
            die "Connecting with SURGE_POSTGRES to $host:$port failed (see the psql error above). Check the connection string, or unset SURGE_POSTGRES to use a private cluster." \
                "使用 SURGE_POSTGRES 连接 $host:$port 失败（见上面的 psql 错误）。请检查连接字符串，或取消设置 SURGE_POSTGRES 以使用私有集群。"
        fi
    elif ! wait_for_port "$host" "$port" 5; then
        die "The server in SURGE_POSTGRES does not accept connections on $host:$port. Start it, or unset SURGE_POSTGRES to use a private cluster." \
            "SURGE_POSTGRES 指定的服务器在 $host:$port 上不接受连接。请启动它，或取消设置 SURGE_POSTGRES 以使用私有集群。"
    fi
    say "Using the PostgreSQL server from SURGE_POSTGRES ($host:$port)." \
        "使用 SURGE_POSTGRES 指定的 PostgreSQL 服务器（$host:$port）。"
}

# Make PostgreSQL available: check the external server, reuse a running private
# cluster, or create and start one.
postgres_up() {
    if postgres_is_external; then
        postgres_check_external
        return 0
    fi
    postgres_find_binaries
    if postgres_private_is_running; then
        say "PostgreSQL already runs from $POSTGRES_DATA_DIR; reusing it." \
            "PostgreSQL 已在 $POSTGRES_DATA_DIR 上运行，将复用它。"
        return 0
    fi
    postgres_start_private
}

# Stop the private cluster only if these scripts started it.
postgres_down() {
    if postgres_is_external; then
        say "PostgreSQL comes from SURGE_POSTGRES; leaving it running." \
            "PostgreSQL 来自 SURGE_POSTGRES，保持其运行。"
        return 0
    fi
    if ! postgres_private_is_running; then
        rm -f "$POSTGRES_MARKER"
        say "PostgreSQL is not running." "PostgreSQL 未运行。"
        return 0
    fi
    if [[ ! -f "$POSTGRES_MARKER" ]]; then
        say "PostgreSQL in $POSTGRES_DATA_DIR was not started by ./surge; leaving it running." \
            "$POSTGRES_DATA_DIR 中的 PostgreSQL 不是由 ./surge 启动的，保持其运行。"
        return 0
    fi
    say "Stopping PostgreSQL..." "正在停止 PostgreSQL..."
    # Fast mode disconnects clients, which is what a dev cluster wants.
    postgres_pg_ctl -m fast -w -t 60 stop >/dev/null
    rm -f "$POSTGRES_MARKER"
}

postgres_status() {
    if postgres_is_external; then
        local host port
        host="$(postgres_connection_string_value "$SURGE_POSTGRES" host server)"
        port="$(postgres_connection_string_value "$SURGE_POSTGRES" port)"
        host="${host:-127.0.0.1}"
        port="${port:-5432}"
        if port_is_open "$host" "$port"; then
            say "PostgreSQL: external server from SURGE_POSTGRES at $host:$port, accepting connections." \
                "PostgreSQL：来自 SURGE_POSTGRES 的外部服务器 $host:$port，可以连接。"
        else
            say "PostgreSQL: external server from SURGE_POSTGRES at $host:$port, NOT accepting connections." \
                "PostgreSQL：来自 SURGE_POSTGRES 的外部服务器 $host:$port，无法连接。"
        fi
        return 0
    fi
    if postgres_private_is_running; then
        local started_by="another program, not ./surge" started_by_zh="其他程序（不是 ./surge）"
        if [[ -f "$POSTGRES_MARKER" ]]; then
            started_by="./surge at $(cat "$POSTGRES_MARKER")"
            started_by_zh="./surge，于 $(cat "$POSTGRES_MARKER")"
        fi
        say "PostgreSQL: runs on 127.0.0.1:$SURGE_POSTGRES_PORT (data $POSTGRES_DATA_DIR), started by $started_by." \
            "PostgreSQL：在 127.0.0.1:$SURGE_POSTGRES_PORT 上运行（数据目录 $POSTGRES_DATA_DIR），启动者：$started_by_zh。"
        say "            Connection string: $(postgres_connection_string postgres)" \
            "            连接字符串：$(postgres_connection_string postgres)"
    else
        say "PostgreSQL: not running (port $SURGE_POSTGRES_PORT)." "PostgreSQL：未运行（端口 $SURGE_POSTGRES_PORT）。"
        postgres_report_other_port
    fi
}

# When this repository's cluster runs on a port other than SURGE_POSTGRES_PORT (started with another value),
# say so, because "not running" alone would send the user to start a second server on the same data folder.
postgres_report_other_port() {
    [[ -f "$POSTGRES_DATA_DIR/postmaster.pid" ]] || return 0
    local port
    port="$(sed -n 4p "$POSTGRES_DATA_DIR/postmaster.pid" 2>/dev/null | tr -dc '0-9')"
    if [[ -n "$port" && "$port" != "$SURGE_POSTGRES_PORT" ]] && port_is_open 127.0.0.1 "$port"; then
        say "            This repository's cluster runs on 127.0.0.1:$port instead. Set SURGE_POSTGRES_PORT=$port to use it, or run ./surge down with that value to stop it." \
            "            本仓库的集群正在 127.0.0.1:$port 上运行。请设置 SURGE_POSTGRES_PORT=$port 以使用它，或以该值运行 ./surge down 停止它。"
    fi
}

# postgres_connection_string DB: print an Npgsql connection string for database DB.
# With SURGE_POSTGRES set, its Database (or DB) key is replaced.
postgres_connection_string() {
    local database="$1"
    if ! postgres_is_external; then
        printf 'Host=127.0.0.1;Port=%s;Username=postgres;Database=%s\n' "$SURGE_POSTGRES_PORT" "$database"
        return 0
    fi
    local part key kept=() IFS=';'
    for part in $SURGE_POSTGRES; do
        key="$(printf '%s' "${part%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')"
        if [[ -z "$key" || "$key" == database || "$key" == db ]]; then
            continue
        fi
        kept+=("$part")
    done
    kept+=("Database=$database")
    printf '%s\n' "${kept[*]}"
}

# postgres_recreate_database DB: drop DB, disconnecting its sessions, and create it
# empty.
postgres_recreate_database() {
    local database="$1"
    # psql quotes the name through :"database", so any name is safe.
    postgres_psql -v database="$database" <<'SQL'
DROP DATABASE IF EXISTS :"database" WITH (FORCE);
CREATE DATABASE :"database";
SQL
}

# Shared helpers for the Surge scripts. Source this file. It defines functions and
# variables only and runs nothing.

# Repository root, derived from this file's location (scripts/lib/common.sh).
SURGE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Project-local state (data, logs, pid and marker files). .gitignore lists it.
SURGE_STATE="$SURGE_ROOT/.surge"

# Succeeds when messages should be Chinese. LC_ALL overrides LC_MESSAGES, which
# overrides LANG, as in POSIX locale resolution.
surge_locale_is_chinese() {
    local locale="${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}"
    [[ "$locale" == zh* ]]
}

# say EN ZH: print the message in the user's language.
say() {
    if surge_locale_is_chinese && [[ -n "${2:-}" ]]; then
        printf '%s\n' "$2"
    else
        printf '%s\n' "$1"
    fi
}

# warn EN ZH: like say, but to stderr.
warn() {
    say "$@" >&2
}

# die EN ZH: print the message to stderr and exit with status 1.
die() {
    say "$@" >&2
    exit 1
}

# require_command NAME HOW_TO_GET_EN HOW_TO_GET_ZH: exit with a message naming the
# missing command and how to install it.
require_command() {
    local name="$1" how_en="$2" how_zh="$3"
    if ! command -v "$name" >/dev/null 2>&1; then
        die "Required command '$name' was not found on PATH. $how_en" \
            "未在 PATH 中找到所需命令 '$name'。$how_zh"
    fi
}

# port_is_open HOST PORT: succeed when a TCP connection to HOST:PORT succeeds
# within one second.
port_is_open() {
    local host="$1" port="$2"
    timeout 1 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$host" "$port" 2>/dev/null
}

# wait_for_port HOST PORT SECONDS: poll HOST:PORT every half second until it accepts
# a TCP connection; fail once SECONDS have passed.
wait_for_port() {
    local host="$1" port="$2" seconds="$3"
    local deadline=$((SECONDS + seconds))
    while true; do
        if port_is_open "$host" "$port"; then
            return 0
        fi
        if ((SECONDS >= deadline)); then
            return 1
        fi
        sleep 0.5
    done
}

# run_as USER COMMAND [ARGS...]: run COMMAND as USER when this shell is root, and as
# the current user otherwise. runuser keeps the environment except HOME, SHELL,
# USER and LOGNAME, so callers pass server settings as environment variables.
run_as() {
    local user="$1"
    shift
    if ((EUID == 0)) && [[ "$user" != root ]]; then
        runuser -u "$user" -- "$@"
    else
        "$@"
    fi
}

# ensure_state_dir DIR...: create project-local folders readable and traversable by
# the service users (postgres, rabbitmq), whatever the caller's umask is.
ensure_state_dir() {
    local dir
    for dir in "$@"; do
        mkdir -p "$dir"
        chmod 755 "$dir"
    done
}

# elapsed_since START: print the seconds since START (a $SECONDS value).
elapsed_since() {
    printf '%s' "$((SECONDS - $1))"
}

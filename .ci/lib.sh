# Shared helpers for the CI scripts; sourced, never run.
# shellcheck shell=bash

# Repository root (the folder holding AiCtiPortal.sln) and the shared data folder beside the clone.
CI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED_DIR="$(cd "$CI_ROOT/.." && pwd)/shared"
export CI_ROOT SHARED_DIR

log() {
    printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"
}

fail() {
    printf '[%s] FAILED: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2
    exit 1
}

# CI runs as root; a developer machine may need sudo for packages and the PostgreSQL service.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    else
        sudo "$@"
    fi
}

as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        sudo -u postgres "$@"
    fi
}

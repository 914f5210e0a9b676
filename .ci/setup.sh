#!/usr/bin/env bash
# Prepares a Debian 12 machine for the test suite: packages, PostgreSQL 15 with the test role, shared data check.
# Idempotent: every step checks first, so a second run only verifies.
set -euo pipefail
# shellcheck source=.ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# chromium: browser for e2e/ (Playwright cannot download its own here); tlsh-tools and ssdeep: reference
# implementations the similarity engine's tests compare against; postgresql-15: the server-database tests.
# python3 (Debian's): reads the TRX results into the summary line. fonts-liberation: chromium is installed without
# its recommends, and a font keeps text layout (and failure screenshots) the same as on a developer's machine.
REQUIRED_PACKAGES=(chromium fonts-liberation tlsh-tools ssdeep postgresql-15 postgresql-client-15 python3)
PG_VERSION=15
PG_CLUSTER=main
PG_PORT=5432

install_missing_packages() {
    local missing=()
    local pkg
    for pkg in "${REQUIRED_PACKAGES[@]}"; do
        # dpkg -s alone also answers for removed-but-configured packages; check the status line.
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        log "packages: all present (${REQUIRED_PACKAGES[*]})"
        return
    fi
    log "packages: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
    log "packages: installed"
}

start_postgres() {
    if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$PG_VERSION $PG_CLUSTER"; then
        log "postgres: creating cluster $PG_VERSION/$PG_CLUSTER"
        as_root pg_createcluster "$PG_VERSION" "$PG_CLUSTER" --port "$PG_PORT"
    fi
    if pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1==v && $2==c {print $4}' | grep -q online; then
        log "postgres: $PG_VERSION/$PG_CLUSTER already running"
    else
        log "postgres: starting $PG_VERSION/$PG_CLUSTER"
        as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
    fi
    local waited=0
    until pg_isready -q -h localhost -p "$PG_PORT"; do
        if [ "$waited" -ge 60 ]; then
            fail "PostgreSQL did not accept connections on localhost:$PG_PORT within 60 s; see /var/log/postgresql/"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    log "postgres: ready on localhost:$PG_PORT"
}

create_test_role_and_database() {
    # SUPERUSER because the tests create and drop a database per test class and end stray sessions on it.
    # This role exists only on throwaway CI and developer machines.
    as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres <<'SQL'
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aicti') THEN
        CREATE ROLE aicti LOGIN SUPERUSER PASSWORD 'aicti';
    ELSE
        ALTER ROLE aicti LOGIN SUPERUSER PASSWORD 'aicti';
    END IF;
END
$$;
SQL
    if ! as_postgres psql -tA -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'aicti'" | grep -q 1; then
        as_postgres createdb -O aicti aicti
        log "postgres: created database aicti"
    fi
    PGPASSWORD=aicti psql -q -h localhost -p "$PG_PORT" -U aicti -d aicti -c 'SELECT 1' >/dev/null \
        || fail "cannot sign in to PostgreSQL as aicti/aicti over TCP (check pg_hba.conf)"
    log "postgres: role aicti and database aicti ready"
}

check_shared_data() {
    local required=("$SHARED_DIR/data/atlas/ATLAS.yaml" "$SHARED_DIR/data/stix2.1-json-schemas")
    local path
    for path in "${required[@]}"; do
        if [ ! -e "$path" ]; then
            fail "shared test data missing: $path (the shared folder must sit beside the clone, at ../shared)"
        fi
    done
    log "shared data: found under $SHARED_DIR/data"
}

command -v dotnet >/dev/null || fail "the .NET SDK (dotnet) is not on PATH; global.json asks for 10.0.401"
install_missing_packages
start_postgres
create_test_role_and_database
check_shared_data

#!/usr/bin/env bash
# Schemathesis against /api/schema/ of a running server (Daphne), authenticated as a trainer, with a
# bounded number of examples: fails on any 5xx and on any response that does not match the schema.
#
# Needs the virtual environment (make install-dev). Uses DATABASE_URL when set (the database is migrated,
# and test users are created in it); otherwise a throwaway SQLite database in a temporary folder.
# Environment: SCHEMATHESIS_PORT (8765), SCHEMATHESIS_MAX_EXAMPLES (20), SCHEMATHESIS_SEED (fixed).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
PORT="${SCHEMATHESIS_PORT:-8765}"
BASE="http://127.0.0.1:${PORT}"
WORK="$(mktemp -d)"
SERVER_PID=""

FAKE_HEVY_PID=""
HEVY_PORT="${SCHEMATHESIS_HEVY_PORT:-8766}"

cleanup() {
    for pid in "$SERVER_PID" "$FAKE_HEVY_PID"; do
        if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

export DEBUG=true
export LOG_LEVEL=WARNING
export MEDIA_ROOT="$WORK/media"
export DATABASE_URL="${DATABASE_URL:-sqlite:///$WORK/db.sqlite3}"
# Generous limits: the run sends thousands of requests from one address, some with wrong passwords.
export THROTTLE_ANON=1000000/min THROTTLE_USER=1000000/min THROTTLE_AUTH=1000000/min
export LOGIN_FAILURE_LIMIT=1000000
export JWT_ACCESS_MINUTES=60
# Hevy is the fake on loopback: the run never reaches the internet, and keys are answered at once.
export HEVY_API_BASE_URL="http://127.0.0.1:${HEVY_PORT}"
export HEVY_PAGE_PAUSE_MS=0

echo "preparing the database"
"$PY" manage.py migrate --noinput >"$WORK/migrate.log" || { cat "$WORK/migrate.log"; exit 1; }
"$PY" scripts/schemathesis_setup.py --ids >"$WORK/setup.log" || { cat "$WORK/setup.log"; exit 1; }
LINK_ID="$(tail -n 1 "$WORK/setup.log" | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["link_id"])')"
# clients/{id}/ has no operation that creates its objects: give it the real coaching link.
cat >"$WORK/schemathesis.toml" <<TOML
[[operations]]
include-path-regex = '^/api/v1/clients/\\{id\\}/'
parameters = { "path.id" = "$LINK_ID" }
TOML

echo "starting the fake Hevy API on $HEVY_API_BASE_URL"
"$PY" -m integrations.tests.fake_hevy --port "$HEVY_PORT" >"$WORK/fake_hevy.log" 2>&1 &
FAKE_HEVY_PID=$!

echo "starting uvicorn (the image's web server) on $BASE"
.venv/bin/uvicorn fitnesspr.asgi:application --host 127.0.0.1 --port "$PORT" --lifespan off \
    >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do
    curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
    sleep 0.2
done
curl -fsS "$BASE/healthz" >/dev/null || { echo "server did not start"; cat "$WORK/server.log"; exit 1; }

CREDENTIALS="$("$PY" -c 'import json, sys; sys.path.insert(0, "scripts")
from schemathesis_setup import TRAINER_EMAIL, PASSWORD
print(json.dumps({"email": TRAINER_EMAIL, "password": PASSWORD}))')"
TOKEN="$(curl -fsS -X POST -H "Content-Type: application/json" -d "$CREDENTIALS" "$BASE/api/v1/auth/token/" \
    | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["access"])')"

# Business-rule checks (positive_data_acceptance, negative_data_rejection) are left out on purpose: a valid
# shape can still be refused (a used invitation token, a weak password), and that is a 400, not a bug.
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance
CHECKS=$CHECKS,response_schema_conformance,ignored_auth

echo "running schemathesis"
status=0
.venv/bin/schemathesis --config-file "$WORK/schemathesis.toml" run "$BASE/api/schema/" \
    --header "Authorization: Bearer $TOKEN" \
    --checks "$CHECKS" \
    --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-20}" \
    --seed "${SCHEMATHESIS_SEED:-20240601}" \
    --generation-database none \
    --workers 1 \
    --request-timeout 20 \
    --no-color || status=$?

if [[ $status -ne 0 ]]; then
    echo "--- server log (last 80 lines) ---"
    tail -n 80 "$WORK/server.log"
fi
exit $status

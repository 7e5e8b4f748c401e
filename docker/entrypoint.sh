#!/bin/sh
# The image's entry point: the first argument chooses what this container runs.
#   web [uvicorn options]    migrate, then serve HTTP + WebSockets on 0.0.0.0:$PORT with $WEB_CONCURRENCY
#                            worker processes (default: one per CPU core); client addresses behind a proxy
#                            come from X-Forwarded-For as NUM_PROXIES says, not from the server
#   worker [celery options]  a Celery worker
#   beat [celery options]    Celery beat with django-celery-beat's DatabaseScheduler (run exactly one)
#   migrate                  apply database migrations and exit
#   check                    Django's deployment checks; fails on any warning
#   manage <command> ...     any manage.py command (createsuperuser, seed_demo, ...)
#   anything else            run as given (e.g. sh)
set -eu

cd "$(dirname "$0")/.."

role="${1:-web}"
[ "$#" -gt 0 ] && shift

case "$role" in
  web)
    python manage.py migrate --noinput
    # Each worker process takes its PostgreSQL connections from a pool of this size (fitnesspr/settings.py).
    # Idle keep-alive connections stay open 75 s, longer than a person's pause and than a load balancer's
    # usual idle timeout (60 s): a reused connection is not closed under a request.
    export DB_POOL_MAX_SIZE="${DB_POOL_MAX_SIZE:-10}"
    exec uvicorn fitnesspr.asgi:application --host 0.0.0.0 --port "${PORT:-8000}" \
      --workers "${WEB_CONCURRENCY:-$(nproc)}" --loop uvloop --http httptools --ws websockets-sansio \
      --lifespan off --no-proxy-headers --no-server-header --timeout-graceful-shutdown 20 \
      --timeout-keep-alive 75 "$@"
    ;;
  worker)
    exec celery -A fitnesspr worker --loglevel=INFO "$@"
    ;;
  beat)
    exec celery -A fitnesspr beat --loglevel=INFO \
      --scheduler django_celery_beat.schedulers:DatabaseScheduler "$@"
    ;;
  migrate)
    exec python manage.py migrate --noinput "$@"
    ;;
  check)
    exec python manage.py check --deploy --fail-level WARNING "$@"
    ;;
  manage)
    exec python manage.py "$@"
    ;;
  *)
    exec "$role" "$@"
    ;;
esac

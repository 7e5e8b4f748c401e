#!/bin/sh
# The image's entry point: the first argument chooses what this container runs.
#   web [daphne options]     migrate, then serve HTTP + WebSockets on 0.0.0.0:$PORT
#                            (add --proxy-headers only behind a proxy that sets X-Forwarded-For)
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
    exec daphne -b 0.0.0.0 -p "${PORT:-8000}" "$@" fitnesspr.asgi:application
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

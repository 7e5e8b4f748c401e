# syntax=docker/dockerfile:1
# One image for every process of FitnessPr: `web` (after migrate, Uvicorn with $WEB_CONCURRENCY worker processes,
# one per CPU core by default, each serving HTTP + WebSockets),
# `worker` (Celery) or `beat` (Celery beat with django-celery-beat's DatabaseScheduler).
#   docker build -t fitnesspr .
#   docker run --env-file .env fitnesspr web|worker|beat|check|migrate|manage <command>

# --- Front-end libraries from npm (the same files as the Makefile's static/vendor/.installed) ---
FROM node:20-slim AS frontend
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error \
 && mkdir -p static/vendor \
 && cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js \
 && cp node_modules/chart.js/dist/chart.umd.min.js static/vendor/chart.umd.min.js \
 && cp node_modules/chart.js/dist/chart.umd.min.js.map static/vendor/chart.umd.min.js.map \
 && cp node_modules/@picocss/pico/css/pico.min.css static/vendor/pico.min.css

# --- Python wheels, built where a compiler may be installed, so the runtime needs none ----------
FROM python:3.11-slim AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY requirements.txt ./
RUN pip wheel --wheel-dir /wheels -r requirements.txt

# --- Runtime -----------------------------------------------------------------------------------
FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=fitnesspr.settings \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media \
    PORT=8000

RUN groupadd --system --gid 10001 fitnesspr \
 && useradd --system --uid 10001 --gid fitnesspr --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin fitnesspr

COPY --from=builder /wheels /wheels
COPY requirements.txt /tmp/requirements.txt
RUN pip install --no-index --find-links=/wheels -r /tmp/requirements.txt \
 && rm -rf /wheels /tmp/requirements.txt

WORKDIR /app
# Code and static files stay owned by root: the app user can read them, never change them.
COPY . .
COPY --from=frontend /build/static/vendor/ static/vendor/

# Throwaway values that only let settings load for this one command (DEBUG=false requires them);
# nothing here ends up in the image's environment. Real values come at run time.
RUN DEBUG=false \
    SECRET_KEY=build-only-collectstatic-not-a-secret-0123456789abcdefghijklmnop \
    ALLOWED_HOSTS=build.invalid \
    FIELD_ENCRYPTION_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
 && rm -f /tmp/build.sqlite3 \
 && chmod 0755 docker/entrypoint.sh \
 && mkdir -p /app/media \
 && chown fitnesspr:fitnesspr /app/media

USER fitnesspr:fitnesspr
VOLUME ["/app/media"]
EXPOSE 8000

# python, not curl: the slim image has no curl. The script knows which role PID 1 runs.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["python", "/app/docker/healthcheck.py"]

ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["web"]

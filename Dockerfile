# Production image: gunicorn serves the site; the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    STATIC_ROOT=/app/staticfiles MEDIA_ROOT=/app/media

# Fonts for the six UN scripts and Pango for PDF rendering; curl for the health check; the PostgreSQL
# client for `manage.py backup` and `restore` (Debian bookworm's is version 15, as the compose server).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-core fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 curl \
    postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN pip install -r requirements/base.txt

COPY . .
# collectstatic needs settings but no secrets or services; the throw-away key never reaches runtime.
RUN DJANGO_ENV=test python manage.py collectstatic --no-input \
 && useradd --system --uid 10001 --home /app unidir \
 && mkdir -p /app/media /app/backups && chown -R unidir /app/media /app/backups

USER unidir
EXPOSE 8000
CMD ["gunicorn", "unidir_cb.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]

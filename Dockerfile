FROM python:3.11-slim-bookworm

# WeasyPrint needs Pango; fonts-liberation gives it Arial-compatible fonts. postgresql-client (15 on bookworm,
# as the database) gives the backup and restore commands pg_dump and pg_restore.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation postgresql-client \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements/runtime.txt requirements/
RUN pip install --no-cache-dir -r requirements/runtime.txt
COPY . .
RUN SECRET_KEY=collectstatic-only TASKS_IN_PROCESS=1 python manage.py collectstatic --noinput

RUN useradd --create-home scrutiny && mkdir -p /app/var/media && chown -R scrutiny /app/var
USER scrutiny
EXPOSE 8000
CMD ["gunicorn", "--config", "gunicorn.conf.py"]

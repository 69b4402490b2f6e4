# credintake: API + review screens (embedded mode) or a Celery worker (scale-out, see compose.yaml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    OMP_THREAD_LIMIT=1 CREDINTAKE_DATA_DIR=/data

RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY credintake ./credintake
COPY extractor ./extractor
COPY models ./models
COPY rules ./rules
COPY api ./api
COPY sample_docs ./sample_docs
RUN pip install .

RUN useradd --create-home --uid 10001 credintake && mkdir -p /data && chown credintake /data
USER credintake
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"
CMD ["credintake", "serve", "--host", "0.0.0.0", "--port", "8000"]

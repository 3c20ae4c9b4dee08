# syntax=docker/dockerfile:1
# mhsw: the API and the recruiter page, with the default model baked in. Needs no network at start.
#   docker build -t mhsw . && docker run --rm -p 8000:8000 mhsw

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY pyproject.toml README.md ./
COPY classifier ./classifier
COPY service ./service
COPY training ./training
COPY batch ./batch
COPY mhsw ./mhsw
RUN pip install --no-cache-dir .

FROM python:3.11-slim
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    MHSW_DATA_DIR=/app/data \
    MHSW_MODELS_DIR=/app/models \
    MHSW_HOST=0.0.0.0 \
    MHSW_PORT=8000
RUN groupadd --system --gid 10001 mhsw \
    && useradd --system --uid 10001 --gid mhsw --no-create-home --home-dir /app --shell /usr/sbin/nologin mhsw
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY data ./data
COPY models ./models
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('MHSW_PORT', '8000') + '/healthz', timeout=4)"]
CMD ["mhsw", "serve"]

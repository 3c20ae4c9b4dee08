# syntax=docker/dockerfile:1
# mhsw: the API and the recruiter page, with the default model baked in. Needs no network at start.
# Only the serving set is installed, from the hash-checked lock requirements/serve.txt (no scikit-learn,
# pandas, dask, matplotlib or pyarrow). It listens on 0.0.0.0, so it needs API keys (or MHSW_ALLOW_OPEN=1
# for an open API on a private network):
#   docker build -t mhsw . && docker run --rm -p 8000:8000 -e MHSW_API_KEYS=<16+ characters> mhsw

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
# The locked dependencies first, in their own layer: a code change does not reinstall them.
COPY requirements/serve.txt ./requirements/
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements/serve.txt
COPY pyproject.toml README.md ./
COPY classifier ./classifier
COPY service ./service
COPY training ./training
COPY batch ./batch
COPY mhsw ./mhsw
COPY store ./store
RUN pip install --no-cache-dir --no-deps .

FROM python:3.11-slim
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    MHSW_DATA_DIR=/app/data \
    MHSW_MODELS_DIR=/app/models \
    MHSW_STATE_DIR=/app/state \
    MHSW_HOST=0.0.0.0 \
    MHSW_PORT=8000
RUN groupadd --system --gid 10001 mhsw \
    && useradd --system --uid 10001 --gid mhsw --no-create-home --home-dir /app --shell /usr/sbin/nologin mhsw \
    && mkdir -p /app/state \
    && chown 10001:10001 /app/state
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY data ./data
COPY models ./models
USER 10001:10001
EXPOSE 8000
# Ready, not just alive: the model is verified and loaded.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('MHSW_PORT', '8000') + '/readyz', timeout=4)"]
CMD ["mhsw", "serve"]

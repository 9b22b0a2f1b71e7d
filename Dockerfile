# The dashboard in a container: non-root, with a Chinese font, on 0.0.0.0:8501.
#   docker build -t transcripts .
#   docker run -p 8501:8501 transcripts
#   docker run -p 8501:8501 -v /path/to/articles:/corpus -e TRANSCRIPTS_CORPUS=/corpus transcripts
FROM python:3.11-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-noto-cjk fontconfig \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 dashboard
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY --chown=dashboard:dashboard . .

USER dashboard
ENV TRANSCRIPTS_CORPUS=/app/seeds \
    TRANSCRIPTS_CACHE=/tmp/transcripts-cache \
    PYTHONUNBUFFERED=1
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"
# The same command as tasks.py's streamlit_command(), which the browser tests run.
CMD ["python", "-m", "dashboard.serve", "app.py", "--server.port=8501", "--server.address=0.0.0.0", "--server.headless=true", "--browser.gatherUsageStats=false"]

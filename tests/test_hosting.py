"""What hosting needs is in the repository, and the container runs what the tests run."""

import json
import re
import tomllib
from pathlib import Path

from tasks import streamlit_command

ROOT = Path(__file__).resolve().parent.parent


def dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_docker_runs_the_command_the_browser_tests_run():
    cmd = re.search(r"^CMD (\[.*\])$", dockerfile(), re.MULTILINE).group(1)
    assert json.loads(cmd) == streamlit_command(8501, "0.0.0.0")


def test_docker_runs_as_non_root_with_a_font_and_a_health_check():
    text = dockerfile()
    assert re.search(r"^USER (?!root)\w+", text, re.MULTILINE)
    assert "fonts-noto-cjk" in text
    assert "HEALTHCHECK" in text and "/_stcore/health" in text
    assert "EXPOSE 8501" in text and "TRANSCRIPTS_CORPUS" in text


def test_community_cloud_files():
    assert "fonts-noto-cjk" in (ROOT / "packages.txt").read_text(encoding="utf-8").split()
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["maxUploadSize"] == 10
    assert config["client"]["showErrorDetails"] == "none"  # no traceback reaches a visitor
    assert (ROOT / "requirements.txt").exists()


def test_readme_explains_hosting():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    hosting = readme.split("## Host it", 1)[1].split("\n## ", 1)[0]
    for needle in ("Community Cloud", "docker run", "baseUrlPath", "3.11"):
        assert needle in hosting


def test_the_upload_limits_in_the_readme_are_the_ones_enforced():
    import ui_data

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    per_file = ui_data.MAX_UPLOAD_FILE_BYTES // 10**6
    assert config["server"]["maxUploadSize"] == per_file
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    uploads = readme.split("**In the browser**", 1)[1].split("- **A folder**", 1)[0]
    uploads = " ".join(uploads.split())
    assert f"up to {per_file} MB each" in uploads
    assert f"{ui_data.MAX_UPLOAD_SESSION_BYTES // 10**6} MB per session" in uploads
    assert f"at most {ui_data.MAX_UPLOAD_FILES} files" in uploads
    assert "1 MB = 1,000,000 bytes" in uploads


def test_no_app_code_renders_raw_html():
    """Transcript text is untrusted: the app draws it only through escaped Markdown, plotly
    text and data frames, never through Streamlit's raw-HTML paths."""
    app_files = [ROOT / "app.py", *ROOT.glob("ui_*.py"), *(ROOT / "app_pages").glob("*.py")]
    app_files += list((ROOT / "analysis").rglob("*.py"))
    raw_html = ("unsafe_allow_html", "st.html(", "components.html(", "components.v1")
    found = [
        f"{path.relative_to(ROOT)}: {needle}"
        for path in app_files
        for needle in raw_html
        if needle in path.read_text(encoding="utf-8")
    ]
    assert len(app_files) > 20 and found == []

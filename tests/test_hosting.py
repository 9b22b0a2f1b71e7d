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
    from dashboard import limits

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    per_file = limits.MAX_UPLOAD_FILE_BYTES // 10**6
    assert config["server"]["maxUploadSize"] == per_file
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    uploads = readme.split("**In the browser**", 1)[1].split("- **A folder**", 1)[0]
    uploads = " ".join(uploads.split())
    assert f"up to {per_file} MB each" in uploads
    assert f"{limits.MAX_UPLOAD_SESSION_BYTES // 10**6} MB per session" in uploads
    assert f"at most {limits.MAX_UPLOAD_FILES} files" in uploads
    assert "1 MB = 1,000,000 bytes" in uploads


RAW_HTML = ("unsafe_allow_html", "st.html(", "components.html(", "components.v1")
# The one module that may draw raw HTML: a <style> built from the app's own constants.
STYLESHEET = ROOT / "dashboard" / "styles.py"


def test_no_app_code_renders_raw_html():
    """Transcript text is untrusted: the app draws it only through escaped Markdown, plotly
    text and data frames, never through Streamlit's raw-HTML paths (but for the one
    stylesheet, checked below)."""
    app_files = [
        ROOT / "app.py",
        *(ROOT / "dashboard").rglob("*.py"),
        *(ROOT / "app_pages").glob("*.py"),
    ]
    app_files += list((ROOT / "analysis").rglob("*.py"))
    found = [
        f"{path.relative_to(ROOT)}: {needle}"
        for path in app_files
        if path != STYLESHEET
        for needle in RAW_HTML
        if needle in path.read_text(encoding="utf-8")
    ]
    assert len(app_files) > 20 and found == []


def test_the_one_stylesheet_is_built_from_constants_only():
    """dashboard/styles.py draws one `<style>`, from the interface's texts, the limits, the
    reader's kinds of file and widget keys: it reads no upload, file, link or session state,
    and no language but one of the two it knows."""
    import ast

    from analysis.ingest.reader import ARTICLE_SUFFIXES
    from dashboard import limits, styles
    from dashboard.texts import LANGS, text

    source = STYLESHEET.read_text(encoding="utf-8")
    tree = ast.parse(source)
    assert sum(source.count(needle) for needle in RAW_HTML) == 1  # the one st.html call
    (call,) = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and "html" in ast.unparse(node.func)
    ]
    assert ast.unparse(call) == "st.html(f'<style>\\n{uploader_css(lang())}\\n</style>')"
    imports = {
        (node.module, alias.name) if isinstance(node, ast.ImportFrom) else (alias.name, "")
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imports == {
        ("__future__", "annotations"),
        ("streamlit", ""),
        ("analysis.ingest.reader", "ARTICLE_SUFFIXES"),
        ("dashboard", "limits"),
        ("dashboard", "session"),
        ("dashboard.texts", "LANGS"),
        ("dashboard.texts", "lang"),
        ("dashboard.texts", "text"),
    }
    # Of Streamlit only st.html; of the limits and the session only constants (widget keys).
    used = {
        ast.unparse(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in ("st", "limits", "session")
    }
    assert "st.html" in used and all(
        name == "st.html" or name.split(".")[1].isupper() for name in used
    ), used
    # What it draws: the texts, with the limits and the kinds of file, whatever language it
    # is handed (anything but "en" is Chinese); nothing can close the <style>.
    for lang in (*LANGS, "</style><script>alert(1)</script>", "xx"):
        shown = lang if lang in LANGS else "zh"
        css = styles.uploader_css(lang)
        assert "<" not in css and css == styles.uploader_css(shown)

        def limit(mb: int, suffixes: tuple[str, ...], shown: str = shown) -> str:
            return " · ".join(
                (
                    text("uploader_limit", shown).format(mb=mb),
                    text("uploader_types", shown).format(suffixes=" / ".join(suffixes)),
                )
            )

        assert re.findall(r'content: "([^"\\]*)"', css) == [
            text("uploader_button", shown),
            text("uploader_drop", shown),
            limit(limits.MAX_UPLOAD_FILE_BYTES // 10**6, ARTICLE_SUFFIXES),
            limit(limits.MAX_VOCAB_IMPORT_MB, (".txt",)),
            limit(limits.MAX_UPLOAD_FILE_BYTES // 10**6, (".toml",)),
        ]
    # A CSS string cannot be ended early, nor the rule, nor the <style>.
    assert styles.css_string('a"b\\c</style>\n') == '"a\\"b\\\\c\\3C /style\\3E \\A "'
    # Every uploader in the app has its line of limits in the stylesheet.
    app_files = [ROOT / "app.py", *(ROOT / "dashboard").rglob("*.py")]
    app_files += list((ROOT / "app_pages").glob("*.py"))
    uploaders = sum(
        path.read_text(encoding="utf-8").count("st.file_uploader(") for path in app_files
    )
    assert uploaders == len(styles.UPLOADERS)

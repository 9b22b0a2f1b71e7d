"""Screenshots of every page with the real browser, for the README (docs/*.png).

.venv/bin/python bench/screenshots.py
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Server, wait_for_app  # noqa: E402

PAGES = {
    "overview": "",
    "speakers": "speakers",
    "terms": "terms",
    "themes": "themes",
    "concordance": "concordance?q=智能体",
}


def main() -> None:
    server = Server()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for name, path in PAGES.items():
                page.goto(f"{server.url}/{path}")
                wait_for_app(page)
                page.screenshot(path=str(ROOT / "docs" / f"{name}.png"))
                print("docs/" + name + ".png")
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()

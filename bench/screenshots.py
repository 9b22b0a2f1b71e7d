"""Screenshots of every page with the real browser, for the README (docs/*.png).

Desktop (1400 px) and phone (390 px) in Chinese and English:
docs/overview.png (desktop, 中文), docs/overview-en.png, docs/overview-phone.png,
docs/overview-phone-en.png, and the same for the other pages. Phone shots are the whole page.

.venv/bin/python bench/screenshots.py [--out DIR] [--pages overview,terms] [--views desktop,phone-en]
"""

import argparse
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
    "words": "words",  # the collocates tab, of the selection's most frequent term
    "questions": "questions?qa_charts=1",  # the list, and the charts' box open at its first tab
}
# name suffix -> (viewport, language, whole page)
VIEWS = {
    "desktop": ({"width": 1400, "height": 1000}, "zh", False),
    "desktop-en": ({"width": 1400, "height": 1000}, "en", False),
    "phone": ({"width": 390, "height": 844}, "zh", True),
    "phone-en": ({"width": 390, "height": 844}, "en", True),
}
MAX_PHONE_HEIGHT = 9000  # px: a whole page, cut before it becomes an unwieldy file


def shot_name(page: str, view: str) -> str:
    suffix = {"desktop": "", "desktop-en": "-en"}.get(view, f"-{view}")
    return f"{page}{suffix}.png"


def with_lang(path: str, language: str) -> str:
    if language == "zh":
        return path
    return f"{path}{'&' if '?' in path else '?'}lang={language}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs"))
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--views", default=",".join(VIEWS))
    parser.add_argument("--whole", action="store_true", help="whole pages at every width")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    server = Server()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for view in args.views.split(","):
                viewport, language, whole = VIEWS[view]
                phone = viewport["width"] < 600
                context = browser.new_context(
                    viewport=viewport,
                    device_scale_factor=1,  # small files; 2 would quadruple them
                    is_mobile=phone,
                    has_touch=phone,
                )
                page = context.new_page()
                for name in args.pages.split(","):
                    page.goto(f"{server.url}/{with_lang(PAGES[name], language)}")
                    wait_for_app(page)
                    path = out / shot_name(name, view)
                    if whole or args.whole:
                        height = page.evaluate(
                            "document.querySelector('[data-testid=stMain]').scrollHeight"
                        )
                        page.set_viewport_size(
                            {"width": viewport["width"], "height": min(height, MAX_PHONE_HEIGHT)}
                        )
                        wait_for_app(page)
                    page.screenshot(path=str(path))
                    page.set_viewport_size(viewport)
                    print(path)
                context.close()
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()

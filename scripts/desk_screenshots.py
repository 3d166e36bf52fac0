"""Screenshots of the desk's pages at 1280 and 390 px wide, for the README.

    make demo   # in another terminal, then:
    .venv/bin/python scripts/desk_screenshots.py [--base http://127.0.0.1:8000]
        [--user editor --password newsdesk-demo] [--story N] [--out docs/screenshots]
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--user", default="editor")
    parser.add_argument("--password", default="newsdesk-demo")
    parser.add_argument("--story", type=int, help="a story to show in the editor")
    parser.add_argument("--out", default="docs/screenshots")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pages = {"stories": "/desk/", "wire": "/desk/wire/", "media": "/desk/media/"}
    pages["editor"] = f"/desk/stories/{args.story}/" if args.story else "/desk/stories/new/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        for width in (1280, 390):
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            page.goto(f"{args.base}/admin/login/?next=/desk/")
            page.fill("#id_username", args.user)
            page.fill("#id_password", args.password)
            page.click("input[type=submit]")
            page.wait_for_url("**/desk/")
            for name, path in pages.items():
                page.goto(args.base + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=out / f"desk-{name}-{width}.png")
                print(out / f"desk-{name}-{width}.png")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()

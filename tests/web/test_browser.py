"""The web UI in a real browser: Debian's chromium driven by Playwright, headless.

Loads a small analysed database, opens the map, filters, opens an event and checks the
highlighted evidence. Screenshots go to $NEWSGRAPH_TEST_OUTPUT/browser (default
test-output/browser in the repository). Skips, saying why, where chromium or the playwright
package is missing (`.ci/run` installs both).
"""

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium")
OUTPUT = Path(os.environ.get("NEWSGRAPH_TEST_OUTPUT", Path(__file__).parents[2] / "test-output"))

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed (pip install "
    "-e '.[browser]')"
)  # fmt: skip
if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
    pytest.skip(f"chromium not found at {CHROMIUM} (apt-get install chromium)",
                allow_module_level=True)  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(news_sqlite_db):
    import uvicorn

    from newsgraph.web import create_app

    port = free_port()
    config = uvicorn.Config(create_app(news_sqlite_db, token="t"), host="127.0.0.1", port=port,
                            log_level="warning")  # fmt: skip
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uv.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox"])  # fmt: skip
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, errors


def shot(page, name: str) -> Path:
    folder = OUTPUT / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_browser_map_filter_event_evidence(server, page):
    page.goto(server + "/")
    page.wait_for_selector("body[data-loaded=true][data-land=true]", timeout=20_000)
    assert page.locator("#markers circle").count() > 0, "event markers on the map"
    assert page.locator("#timeline rect").count() > 0, "timeline bars"
    rows = page.locator("#event-list tbody tr")
    assert rows.count() > 0
    page.wait_for_function("document.querySelector('#map').width > 0")
    assert shot(page, "map").stat().st_size > 10_000

    plover_legend = page.locator("#map-legend span").all_text_contents()
    page.select_option("#f-colour", "acled")
    page.wait_for_selector("body[data-colour=acled]")
    assert "colour=acled" in page.url
    acled_legend = page.locator("#map-legend span").all_text_contents()
    assert acled_legend and acled_legend != plover_legend, "legend follows the colour scheme"
    shot(page, "map-acled")
    page.select_option("#f-colour", "")
    page.wait_for_selector("body[data-colour=plover]")

    page.select_option("#f-type", "PROTEST")
    page.wait_for_function(
        "[...document.querySelectorAll('#event-list tbody tr td:nth-child(2) a')]"
        ".every(a => a.textContent.startsWith('PROTEST'))"
    )
    assert "type=PROTEST" in page.url
    shot(page, "map-filtered")

    page.locator("#event-list tbody tr td:nth-child(2) a").first.click()
    page.wait_for_url("**/ui/events/**")
    evidence = page.locator("#evidence mark.hl-trigger")
    assert evidence.count() >= 1 and evidence.first.is_visible()
    assert page.locator("#evidence mark.hl-place, #evidence mark.hl-actor").count() >= 1
    shot(page, "event")

    page.locator("h2 a").first.click()
    page.wait_for_url("**/ui/documents/**")
    assert page.locator("#article-text mark.hl").count() > 3
    assert page.get_by_text("Quotes by speaker").is_visible()
    shot(page, "article")


def test_browser_full_text_search(server, page):
    page.goto(server + "/")
    page.fill("header input[name=q]", "levy")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/ui/documents?q=levy")
    assert page.locator("#documents tbody tr").count() == 1
    assert page.locator("#documents b").first.inner_text().lower() == "levy"
    shot(page, "search")


def test_browser_theme_and_tone_filters_and_article_tone(server, page):
    page.goto(server + "/")
    page.wait_for_selector("body[data-loaded=true]", timeout=20_000)
    articles = "#event-list tbody tr td:nth-child(6) a"
    assert {a.inner_text() for a in page.locator(articles).all()} >= {
        "Police detain protesters in Almaty as fuel price anger spreads",
        "Police fire tear gas at Nairobi fuel levy protest",
    }
    page.select_option("#f-theme", "FUEL_PRICES")  # only the Almaty article has this theme
    links = f"[...document.querySelectorAll('{articles}')]"
    page.wait_for_function(
        f"{links}.length > 0 && {links}.every(a => a.textContent.includes('Almaty'))"
    )
    assert "theme=FUEL_PRICES" in page.url
    shot(page, "map-theme")

    page.fill("#f-tone-min", "0")  # both articles are negative: nothing left
    page.click("#filters button[type=submit]")
    page.wait_for_function("document.querySelectorAll('#event-list tbody tr').length === 0")
    assert "tone_min=0" in page.url and "0 matching" in page.inner_text("#event-total")
    page.fill("#f-tone-min", "")
    page.click("#filters button[type=submit]")
    page.wait_for_function("document.querySelectorAll('#event-list tbody tr').length > 0")

    page.locator(articles).first.click()
    page.wait_for_url("**/ui/documents/**")
    assert page.locator("#document-tone").inner_text().startswith("Tone -")
    themes = page.locator("#document-themes a.theme")
    assert "FUEL_PRICES" in themes.all_inner_texts()
    shot(page, "article-tone")
    themes.filter(has_text="KILL").click()
    page.wait_for_url("**/?theme=KILL")
    page.wait_for_selector("body[data-loaded=true]", timeout=20_000)
    assert page.locator("#f-theme").input_value() == "KILL"

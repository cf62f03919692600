"""The web page in a real headless Chromium (Debian's `chromium` and `chromium-driver`, driven by
Selenium; nothing downloaded): every view, a dyad filter, paging, a filtered CSV download compared
with the API, no console errors, and no horizontal scroll at 1,400 and 420 px."""

import csv
import json
import os
import shutil
import struct
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from dateline.store import Store
from test_serve_listings import build

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
if not (CHROMIUM.exists() and DRIVER.exists()):
    pytest.skip(f"{CHROMIUM} and {DRIVER} are absent: apt-get install chromium chromium-driver (.ci/run does)",
                allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is absent: pip install -e '.[test]'")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

DYAD = {"source_actor": "RUS", "target_actor": "USA", "since": "2022-02-01", "until": "2022-02-28"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`dateline serve` of the synthetic store (test_serve_listings) in a thread; yields its URL."""
    import uvicorn

    from dateline.serve.web.api import create_app
    from test_serve_reliability import free_port

    db = build(tmp_path_factory.mktemp("browser") / "page.duckdb")
    with Store(db) as store:  # an input whose URL is a script: shown as text, never a link
        store.con.execute("UPDATE articles SET url = 'javascript:alert(1)' WHERE id = 'art021'")
    port = free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    while not running.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(tmp_path_factory, downloads):
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "1"  # Selenium Manager must not look for a driver or a browser to download
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={tmp_path_factory.mktemp('profile')}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
    driver.set_window_size(1400, 1000)
    yield driver
    driver.quit()


def show(browser, url, hash_):
    browser.get(f"{url}{hash_}")
    wait = WebDriverWait(browser, 20)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#view h1, #view .notice, #view .error"))
    return browser


def console_errors(browser):
    """The errors logged since the last call."""
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def text(browser, css):
    return browser.find_element(By.CSS_SELECTOR, css).text


@pytest.mark.parametrize("hash_, heading", [
    ("#/events", "Events"), ("#/linked", "Linked events"), ("#/quotes", "Quotes"), ("#/stories", "Stories"),
    ("#/articles", "Articles"), ("#/article/art020", "Article 20"),
])
def test_each_view_loads_without_console_errors(browser, server, hash_, heading):
    console_errors(browser)  # what earlier tests logged
    show(browser, server, hash_)
    assert text(browser, "#view h1") == heading
    assert not browser.find_elements(By.CSS_SELECTOR, "#view .error, #view .notice")
    assert console_errors(browser) == []


def test_a_story_and_the_copy_panel(browser, server):
    show(browser, server, "#/article/art020")
    panel = text(browser, ".provenance")
    assert "Copies and story" in panel and "this article" in panel
    browser.find_element(By.CSS_SELECTOR, ".provenance a[href^='#/story/']").click()
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#view h1 + p.count"))
    assert "Article 20" in text(browser, "#view table")


def test_the_dyad_form_filters_pages_and_keeps_every_field_in_the_url(browser, server):
    console_errors(browser)
    show(browser, server, "#/events")
    for name, value in DYAD.items():
        field = browser.find_element(By.ID, f"f-{name}")
        if field.get_attribute("type") == "date":
            browser.execute_script("arguments[0].value = arguments[1]", field, value)
        else:
            field.send_keys(value)
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    wait = WebDriverWait(browser, 20)
    wait.until(lambda d: "of 301" in d.find_element(By.CSS_SELECTOR, ".pager .count").text)
    assert text(browser, ".pager .count") == "1–100 of 301"
    assert all(f"{name}={value}" in browser.current_url for name, value in DYAD.items())
    sources = {cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "td[data-label=source] code")}
    assert sources == {"RUSGOV"}
    marks = {m.get_attribute("class") for m in browser.find_elements(By.CSS_SELECTOR, "td.evidence mark")}
    assert {"source", "target"} <= marks
    assert browser.find_elements(By.CSS_SELECTOR, "figure.timeline g.bar")  # the day-by-day chart
    names = json.loads(urllib.request.urlopen(f"{server}api/codes").read())["cameo"]
    shown = {cell.text for cell in browser.find_elements(By.CSS_SELECTOR, ".results > table td[data-label=CAMEO]")}
    assert shown == {f"{code} {names[code]['name']}" for code in ("042", "190")}  # codes with their names
    quads = {cell.text for cell in browser.find_elements(By.CSS_SELECTOR, ".results > table td[data-label=QuadClass]")}
    assert quads == {"1 Verbal cooperation", "4 Material conflict"}
    browser.find_element(By.CSS_SELECTOR, ".pager a.next").click()
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, ".pager .count").text.startswith("101"))
    assert text(browser, ".pager .count") == "101–200 of 301" and "offset=100" in browser.current_url
    assert browser.find_element(By.ID, "f-source_actor").get_attribute("value") == "RUS"  # the form keeps it
    assert console_errors(browser) == []


def test_downloaded_csv_and_gdelt_files_are_exactly_what_the_api_lists(browser, server, downloads):
    query = "&".join(f"{k}={v}" for k, v in DYAD.items())
    show(browser, server, f"#/events?{query}")
    browser.find_element(By.CSS_SELECTOR, ".downloads summary").click()
    browser.find_element(By.XPATH, "//details[@class='downloads']//a[text()='CSV']").click()
    written = list(csv.DictReader(wait_for(downloads / "events.csv").open(encoding="utf-8")))
    listed = []
    while True:
        url = f"{server}api/events?{query}&limit=1000&offset={len(listed)}"
        page = json.loads(urllib.request.urlopen(url).read())
        listed += page["rows"]
        if len(listed) >= page["total"]:
            break
    assert [(r["article_id"], r["id"]) for r in written] == [(e["article_id"], e["id"]) for e in listed]
    assert len(written) == 301
    browser.find_element(By.XPATH, "//details[@class='downloads']//a[text()='GDELT events.tsv']").click()
    gdelt = wait_for(downloads / "events.tsv")
    merged = json.loads(urllib.request.urlopen(f"{server}api/linked-events?{query}&limit=1000").read())
    ids = [int(line.split("\t")[0]) for line in gdelt.read_text(encoding="utf-8").splitlines()]
    assert ids == sorted(row["event_id"] for row in merged["rows"]) and len(ids) == merged["total"] > 0


def wait_for(path: Path) -> Path:
    """A downloaded file, once Chromium has finished writing it."""
    for _ in range(200):
        if path.exists() and not list(path.parent.glob("*.crdownload")):
            return path
        time.sleep(0.05)
    raise AssertionError(f"{path.name} was not downloaded")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("width", [1400, 420])
def test_no_horizontal_scroll(browser, server, tmp_path, width):
    browser.set_window_size(width, 900)
    try:
        for hash_ in ("#/events?" + "&".join(f"{k}={v}" for k, v in DYAD.items()), "#/linked", "#/quotes",
                      "#/article/art020", "#/articles"):
            show(browser, server, hash_)
            inner, scroll = browser.execute_script(
                "return [window.innerWidth, document.documentElement.scrollWidth]")
            assert scroll <= inner, f"{hash_} at {width} px: {scroll} px wide"
        show(browser, server, "#/events?" + "&".join(f"{k}={v}" for k, v in DYAD.items()))
        shot = browser.get_screenshot_as_png()
        (tmp_path / f"events-{width}.png").write_bytes(shot)
        shown_width, _ = png_size(shot)
        assert shown_width <= width and len(set(shot[100:4000])) > 10  # an image of the page, not a blank
        keep = os.environ.get("DATELINE_SCREENSHOTS")
        if keep:
            shutil.copy(tmp_path / f"events-{width}.png", keep)
    finally:
        browser.set_window_size(1400, 1000)


def test_clear_states_for_unknown_ids_empty_results_and_views(browser, server):
    show(browser, server, "#/article/ffff0000")
    assert "no stored article matches 'ffff0000'" in text(browser, "#view .notice")
    show(browser, server, "#/events?source_actor=ZZZ")
    assert text(browser, "#view .empty") == "No events match these filters."
    show(browser, server, "#/nowhere")
    assert 'There is no view "nowhere"' in text(browser, "#view .notice")
    show(browser, server, "#/events?root=abc")
    assert "root: not a CAMEO root code" in text(browser, "#view .notice")


def test_page_load_time(browser, server, capsys):
    show(browser, server, "#/events")
    timing = browser.execute_script(
        "const t = performance.getEntriesByType('navigation')[0]; return [t.domContentLoadedEventEnd, t.loadEventEnd]")
    started = time.monotonic()
    show(browser, server, "#/events?source_actor=RUS&target_actor=USA")
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".pager .count"))
    with capsys.disabled():
        print(f"\npage load: DOMContentLoaded {timing[0]:.0f} ms, load {timing[1]:.0f} ms; "
              f"events view with a dyad shown in {1000 * (time.monotonic() - started):.0f} ms")
    assert timing[1] > 0


def test_only_http_urls_become_links(browser, server):
    show(browser, server, "#/article/art021")
    assert "javascript:alert(1)" in text(browser, "dl.meta")
    assert not browser.find_elements(By.CSS_SELECTOR, "a[href^='javascript']")
    show(browser, server, "#/article/art020")
    assert browser.find_element(By.CSS_SELECTOR, "dl.meta a").get_attribute("href") == "https://reuters.com/20"


def test_the_api_reference_works_offline(browser, server):
    console_errors(browser)
    browser.get(f"{server}docs")
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "section.endpoint"))
    paths = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "section.endpoint h2 code")]
    assert "GET /api/events" in paths and "GET /api/linked-events" in paths
    assert "source_actor" in text(browser, "#docs") and console_errors(browser) == []


def test_a_filter_the_form_lacks_survives_a_refinement(browser, server):
    show(browser, server, "#/events?code=19&source_actor=RUS")
    assert "code = 19" in text(browser, "form.filters .chip")
    browser.find_element(By.ID, "f-outlet").send_keys("tass")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    WebDriverWait(browser, 20).until(lambda d: "outlet=tass" in d.current_url)
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".pager .count"))
    assert "code=19" in browser.current_url and text(browser, ".pager .count") == "1–30 of 30"

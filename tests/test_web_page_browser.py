"""The recruiter page in a real headless Chromium (Debian's chromium + chromium-driver, driven by Selenium)
against `mhsw serve` on loopback: paste an advert, press Analyse, see the band and the highlights."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples" / "hcsw_band3.txt"
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

pytest.importorskip("selenium", reason="selenium is not installed")
pytestmark = pytest.mark.skipif(
    not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "MHSW_RATE_LIMIT_PER_MINUTE": "0"}
    env.pop("MHSW_API_KEYS", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "mhsw", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert process.poll() is None, (
                process.stderr.read().decode() if process.stderr else "server exited"
            )
            try:
                with urllib.request.urlopen(f"{url}/readyz", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("the server did not become ready within 120 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="mhsw-chromium-")
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,900",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def full_page_screenshot(driver: webdriver.Chrome, path: Path, width: int) -> None:
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(int(height) + 120, 8000))
    driver.execute_script("window.scrollTo(0, 0)")
    path.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(path))


def analyse_sample(driver: webdriver.Chrome, url: str) -> None:
    driver.get(url)
    text = driver.find_element(By.ID, "text")
    # Set the value directly (typing 2,000 characters is slow) and fire the input event a user would.
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
        text, SAMPLE.read_text(encoding="utf-8"),
    )  # fmt: skip
    driver.find_element(By.ID, "analyse").click()
    WebDriverWait(driver, 60).until(ec.visibility_of_element_located((By.ID, "band-value")))


def test_paste_analyse_and_see_band_and_highlights(server: str, browser: webdriver.Chrome) -> None:
    browser.set_window_size(1280, 900)
    analyse_sample(browser, server)
    assert browser.find_element(By.ID, "band-value").text.startswith("Band 3")
    assert browser.find_element(By.ID, "occupation-code").text.startswith("H")  # a healthcare assistant code
    assert browser.find_element(By.ID, "occupation-setting").text.startswith("Care setting: ")
    marks = browser.find_elements(By.CSS_SELECTOR, "#advert-text mark.mhsw-mark--qualification")
    assert any("Care Certificate" in mark.text for mark in marks)
    assert browser.switch_to.active_element.get_attribute("id") == "results-title"
    assert "Analysis complete" in (browser.find_element(By.ID, "status").get_attribute("textContent") or "")
    assert not browser.find_elements(By.CSS_SELECTOR, "mark mark"), "highlights must never nest"
    overlapping = browser.execute_script(
        "return [...document.querySelectorAll('#advert-text mark')]"
        ".filter(m => [...m.classList].filter(c => c.startsWith('mhsw-mark--')).length > 1).length"
    )
    assert overlapping > 0, "the sample has overlapping spans; they must share one <mark>"
    shown = browser.execute_script(
        "const copy = document.getElementById('advert-text').cloneNode(true);"
        "copy.querySelectorAll('.nhsuk-u-visually-hidden').forEach(n => n.remove()); return copy.textContent;"
    )
    assert shown == SAMPLE.read_text(encoding="utf-8")
    full_page_screenshot(browser, SCREENSHOTS / "web-page.png", 1280)


def test_keyboard_order_follows_the_form(server: str, browser: webdriver.Chrome) -> None:
    browser.set_window_size(1280, 900)
    browser.get(server)
    order = []
    for _ in range(6):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        order.append(
            browser.switch_to.active_element.get_attribute("id") or browser.switch_to.active_element.text
        )
    assert order == ["Skip to main content", "Job advert checker", "title", "text", "file", "analyse"]


def test_empty_form_shows_error_summary_linked_to_the_field(server: str, browser: webdriver.Chrome) -> None:
    browser.set_window_size(1280, 900)
    browser.get(server)
    browser.find_element(By.ID, "analyse").click()
    summary = browser.find_element(By.ID, "error-summary")
    assert summary.is_displayed()
    assert browser.switch_to.active_element == summary
    assert browser.title.startswith("Error:")
    browser.find_element(By.CSS_SELECTOR, "#error-list a").click()
    assert browser.switch_to.active_element.get_attribute("id") == "text"
    assert "text-error" in (browser.find_element(By.ID, "text").get_attribute("aria-describedby") or "")


def test_phone_width_has_no_sideways_scrolling(server: str, browser: webdriver.Chrome) -> None:
    browser.set_window_size(375, 812)
    analyse_sample(browser, server)
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    full_page_screenshot(browser, SCREENSHOTS / "web-page-375.png", 375)


# An invented advert whose first line is its title, in the form the issue reported (no title given).
PEER_ADVERT = (
    "Peer Support Worker - Community Wellbeing Service\n\n"
    "About the role\nYou will draw on your own lived experience of mental ill health to walk alongside people "
    "using our community service, helping them to set goals, build confidence and connect with local groups.\n"
)
UNTITLED_ADVERT = (
    "We are recruiting to our community wellbeing service. You will draw on your own lived experience of "
    "mental ill health to walk alongside people in recovery, and you will be supervised by a senior "
    "practitioner.\n"
)


def paste_and_analyse(driver: webdriver.Chrome, url: str, text: str) -> None:
    driver.get(url)
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
        driver.find_element(By.ID, "text"), text,
    )  # fmt: skip
    driver.find_element(By.ID, "analyse").click()
    WebDriverWait(driver, 60).until(ec.visibility_of_element_located((By.ID, "title-used")))


def shown(driver: webdriver.Chrome, element_id: str) -> str:
    """The element's text as rendered now (the results are re-rendered, so always look it up afresh)."""
    return str(driver.execute_script(f"return document.getElementById('{element_id}')?.textContent ?? ''"))


def test_guessed_title_is_shown_with_its_source_and_can_be_corrected(
    server: str, browser: webdriver.Chrome
) -> None:
    browser.set_window_size(1280, 900)
    paste_and_analyse(browser, server, PEER_ADVERT)
    assert shown(browser, "title-used") == "Peer Support Worker - Community Wellbeing Service"
    assert shown(browser, "title-source") == " (from: guessed from the first lines)"
    correction = browser.find_element(By.ID, "title-correction")
    assert correction.get_attribute("value") == "Peer Support Worker - Community Wellbeing Service"
    label = browser.find_element(By.CSS_SELECTOR, "label[for='title-correction']")
    assert label.text == "Check the job title"
    correction.clear()
    correction.send_keys("Ward Clerk")
    browser.find_element(By.ID, "reanalyse").click()
    WebDriverWait(browser, 60).until(lambda d: shown(d, "title-used") == "Ward Clerk")
    assert shown(browser, "title-source") == " (from: given)"
    assert browser.find_element(By.ID, "title").get_attribute("value") == "Ward Clerk"
    assert not browser.find_elements(By.ID, "title-correction"), "a given title needs no correction box"


def test_missing_title_invites_one_and_the_role_follows_it(server: str, browser: webdriver.Chrome) -> None:
    browser.set_window_size(390, 844)
    paste_and_analyse(browser, server, UNTITLED_ADVERT)
    assert shown(browser, "title-used") == "None found in the advert"
    correction = browser.find_element(By.ID, "title-correction")
    assert correction.get_attribute("value") == ""
    correction.send_keys("Peer Support Worker", Keys.ENTER)  # Enter in the box re-analyses too
    WebDriverWait(browser, 60).until(lambda d: shown(d, "title-used") == "Peer Support Worker")
    assert "Peer Support Worker" in browser.find_element(By.CSS_SELECTOR, "#overview strong").text
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0

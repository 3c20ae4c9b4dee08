""" "Correct this" and the History page in a real headless Chromium (Debian's chromium + chromium-driver),
against `mhsw serve` with its own SQLite database: analyse an invented advert, correct it with the keyboard,
and find the correction on the History page and in the export."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ADVERT = (
    "About the role\nYou will visit adults who feel lonely and walk with them to local groups. "
    "You will keep short notes and meet the team each Friday.\nWhat we need\nA calm manner and good listening."
)

pytest.importorskip("selenium", reason="selenium is not installed")
pytestmark = pytest.mark.skipif(
    not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
)

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402
from test_history_reliability import free_port  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    database = tmp_path_factory.mktemp("history") / "history.sqlite3"
    env = {**os.environ, "MHSW_RATE_LIMIT_PER_MINUTE": "0", "MHSW_DATABASE_URL": f"sqlite:///{database}",
           "MHSW_TEXT_RETENTION": "true"}  # fmt: skip
    env.pop("MHSW_API_KEYS", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "mhsw", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert process.poll() is None, "the server exited"
            try:
                with urllib.request.urlopen(f"{url}/readyz", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("the server did not become ready within 180 s")
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
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,900",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def analyse(driver: webdriver.Chrome, url: str) -> None:
    driver.get(url)
    driver.find_element(By.ID, "title").send_keys("Neighbourhood Companion")
    text = driver.find_element(By.ID, "text")
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", text, ADVERT
    )
    driver.find_element(By.ID, "analyse").click()
    WebDriverWait(driver, 60).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#correct-this summary"))
    )


def test_correct_with_the_keyboard_then_find_it_in_history(server: str, browser: webdriver.Chrome) -> None:
    analyse(browser, server)
    summary = browser.find_element(By.CSS_SELECTOR, "#correct-this summary")
    browser.execute_script("arguments[0].focus()", summary)
    summary.send_keys(Keys.ENTER)  # a <details> opens from the keyboard
    search = WebDriverWait(browser, 10).until(ec.visibility_of_element_located((By.ID, "fix-role-search")))
    search.send_keys("community support")
    visible = browser.execute_script(
        "return [...document.getElementById('fix-role').options].filter(o => !o.hidden && o.value).map(o => o.value)"
    )
    assert "community_support_worker" in visible and "medical_doctor" not in visible
    assert "roles match" in (browser.find_element(By.ID, "fix-role-count").get_attribute("textContent") or "")
    Select(browser.find_element(By.ID, "fix-role")).select_by_value("community_support_worker")
    Select(browser.find_element(By.ID, "fix-band")).select_by_value("3")
    browser.find_element(By.ID, "fix-note").send_keys("invented advert, checked by hand")
    browser.find_element(By.ID, "fix-note").send_keys(Keys.TAB)  # on to "Send correction"
    assert browser.switch_to.active_element.get_attribute("id") == "fix-send"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    done = WebDriverWait(browser, 30).until(ec.visibility_of_element_located((By.ID, "fix-done")))
    assert browser.switch_to.active_element == done
    assert "Correction saved" in (
        browser.find_element(By.ID, "fix-status").get_attribute("textContent") or ""
    )

    with urllib.request.urlopen(f"{server}/v1/corrections/export", timeout=10) as answer:
        [row] = [json.loads(line) for line in answer.read().decode().splitlines()]
    assert row["labels"]["role_id"] == "community_support_worker" and row["labels"]["band_stated"] == "3"
    assert row["text"] == ADVERT

    done.find_element(By.TAG_NAME, "a").click()
    Select(
        WebDriverWait(browser, 30).until(ec.visibility_of_element_located((By.ID, "filter-corrected")))
    ).select_by_value("true")
    browser.find_element(By.ID, "apply").click()
    WebDriverWait(browser, 30).until(
        lambda driver: (
            "corrected=true"
            in (driver.find_element(By.ID, "history-table").get_attribute("data-query") or "")
        )
    )
    locator = (By.CSS_SELECTOR, f"tr[id='{row['id']}'] button")
    wait = WebDriverWait(browser, 30, ignored_exceptions=(StaleElementReferenceException,))

    def press(driver: webdriver.Chrome) -> bool:
        """Find the row's button afresh (the table is redrawn when the filter applies) and press Enter."""
        found = driver.find_element(*locator)
        assert found.get_attribute("aria-expanded") == "false"
        found.send_keys(Keys.ENTER)
        return True

    wait.until(press)
    button = browser.find_element(*locator)
    details = browser.find_element(By.ID, f"corrections-{row['id']}")
    WebDriverWait(browser, 30).until(lambda _driver: "Community" in details.text)
    assert "band: 3" in details.text and "invented advert" in details.text
    assert button.get_attribute("aria-expanded") == "true"


def test_a_correction_that_changes_nothing_is_refused_with_a_linked_message(
    server: str, browser: webdriver.Chrome
) -> None:
    analyse(browser, server)
    browser.find_element(By.CSS_SELECTOR, "#correct-this summary").click()
    WebDriverWait(browser, 10).until(ec.visibility_of_element_located((By.ID, "fix-send"))).click()
    summary = WebDriverWait(browser, 10).until(ec.visibility_of_element_located((By.ID, "fix-errors")))
    assert browser.switch_to.active_element == summary
    link = summary.find_element(By.TAG_NAME, "a")
    assert (
        link.get_attribute("href").endswith("#fix-role-search") and "Change at least one thing" in link.text
    )

#!/usr/bin/env python3
"""Drives `paperradar serve` in a real browser (headless Chromium through Selenium), as a reader would.

    scripts/browser-test.py BASE_URL SCREENSHOT_DIR

Opens the newest digest, clicks "Like" on three papers, opens the reading list and checks that it changed (it was
empty) and explains itself (each item says which liked paper it is closest to, and those are the papers liked);
then "Not interested" on the first item fades it and it is gone after a reload. Screenshots of the digest page and
the reading list at 1200 px and 390 px wide go to SCREENSHOT_DIR. Exits 0 when every check holds, 1 otherwise.
Needs Debian's chromium and chromium-driver and Python's selenium (scripts/setup installs them).
"""
import os
import shutil
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def fail(message):
    print(f"browser-test: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def browser(profile):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--force-device-scale-factor=1", f"--user-data-dir={profile}"]:
        options.add_argument(argument)
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if binary:
        options.binary_location = binary
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(driver_path), options=options)


def screenshot(driver, folder, name):
    for width in (1200, 390):
        driver.set_window_size(width, 2400)
        path = os.path.join(folder, f"{name}-{width}.png")
        if not driver.save_screenshot(path):
            fail(f"could not save {path}")
        print(path)
    driver.set_window_size(1200, 2400)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    base, folder = sys.argv[1].rstrip("/"), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="browser-test-")
    driver = browser(profile)
    wait = WebDriverWait(driver, 30)
    try:
        driver.set_window_size(1200, 2400)
        driver.get(base + "/reading-list")
        if "Nothing liked yet" not in driver.page_source:
            fail("the reading list was not empty before any like")

        driver.get(base + "/digests")
        links = driver.find_elements(By.CSS_SELECTOR, "table a[href^='/digests/']")
        if not links:
            fail("the digests page lists no digest")
        links[0].click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "form.rate button.like"))
        cards = driver.find_elements(By.CSS_SELECTOR, "li.paper")
        if len(cards) < 4:
            fail(f"the digest page shows {len(cards)} papers, expected at least 4")
        liked_titles = []
        for card in cards[:3]:
            title = card.find_element(By.CSS_SELECTOR, "p.title a").text
            button = card.find_element(By.CSS_SELECTOR, "form.rate button.like")
            button.click()
            wait.until(lambda d, b=button: b.get_attribute("aria-pressed") == "true")
            if button.text != "Liked ✓":
                fail(f"the like button says {button.text!r} after the click")
            liked_titles.append(title)
        print("liked:", liked_titles)
        screenshot(driver, folder, "digest")

        driver.get(base + "/reading-list")
        items = driver.find_elements(By.CSS_SELECTOR, "#items li.paper")
        if not items:
            fail("the reading list is still empty after three likes")
        whys = [item.find_element(By.CSS_SELECTOR, "p.why").text for item in items]
        if not all(why.startswith("Closest to your liked") for why in whys):
            fail(f"an item does not say why: {whys[:3]}")
        closest = {a.text for a in driver.find_elements(By.CSS_SELECTOR, "#items ul.related a")}
        if not closest or not closest <= set(liked_titles):
            fail(f"the closest liked papers {sorted(closest)} are not the papers liked {liked_titles}")
        print(f"reading list: {len(items)} items, first: {whys[0]}")
        screenshot(driver, folder, "reading-list")

        first = items[0]
        first_title = first.find_element(By.CSS_SELECTOR, "p.title a").text
        first.find_element(By.CSS_SELECTOR, "form.rate button.dislike").click()
        wait.until(lambda d: "dismissed" in (first.get_attribute("class") or ""))
        driver.refresh()
        titles = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#items li.paper p.title a")]
        if first_title in titles:
            fail(f"{first_title!r} is still listed after “Not interested”")
        print("not interested:", first_title)
        print("browser-test: every check held")
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()

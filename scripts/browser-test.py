#!/usr/bin/env python3
"""Browser test of the upload page: `provenant serve` plus headless Chromium driven by Selenium.

Loads the page in English and Japanese (Accept-Language, then the visible switch), uploads
Samples/c2pa/b_ai_es256.jpg, reads the verdict from the DOM, checks that no request left the server's
origin, saves docs/service-page-en.png and docs/service-page-ja.png, then stops the server with SIGTERM and
checks it exits 0.

Usage: scripts/browser-test.py [PATH/TO/provenant]   (default: .build/debug/provenant)
Exit: 0 passed, 1 failed, 0 with a "SKIP:" line when the browser cannot start here.
"""
import json
import os
import pathlib
import signal
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "Samples/c2pa/b_ai_es256.jpg"
STRINGS = {lang: json.loads((ROOT / f"Sources/ProvenantService/Resources/strings/{lang}.json").read_text()) for lang in ("en", "ja")}


def skip(reason):
    print(f"SKIP: browser test: {reason}")
    sys.exit(0)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(binary, port):
    process = subprocess.Popen([str(binary), "serve", "--port", str(port)], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"FAIL: the server exited early: {process.stderr.read()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as reply:
                if reply.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("FAIL: the server did not become ready in 60 s")


def make_driver(language):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        skip("selenium is not installed (pip install selenium)")
    options = webdriver.ChromeOptions()
    for binary in ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"):
        if os.path.exists(binary):
            options.binary_location = binary
            break
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1100,1300", f"--lang={language}"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    driver_path = next((p for p in ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver") if os.path.exists(p)), None)
    try:
        service = Service(executable_path=driver_path) if driver_path else Service()
        return webdriver.Chrome(service=service, options=options)
    except Exception as error:  # the browser or its driver cannot start on this machine
        skip(f"Chromium cannot start ({type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''})")


def check_language(base, language, other):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = make_driver(language)
    try:
        # Accept-Language picks the language.
        driver.get(base + "/")
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language, "Accept-Language was not honoured"
        assert driver.title == STRINGS[language]["title"], driver.title
        # The visible switch goes to the other language and back.
        driver.find_element(By.ID, f"lang-{other}").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == other)
        driver.find_element(By.ID, f"lang-{language}").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == language)
        assert driver.find_element(By.ID, f"lang-{language}").get_attribute("aria-current") == "page"
        # Every control has a label; the drop zone is reachable from the keyboard.
        assert driver.find_element(By.CSS_SELECTOR, "label[for=file-input]").text.strip() == STRINGS[language]["choose_file"]
        assert driver.find_element(By.ID, "drop-zone").get_attribute("tabindex") == "0"

        driver.find_element(By.ID, "file-input").send_keys(str(SAMPLE))
        WebDriverWait(driver, 60).until(lambda d: d.find_element(By.ID, "result").is_displayed() or d.find_element(By.ID, "error").is_displayed())
        error = driver.find_element(By.ID, "error")
        assert not error.is_displayed(), f"the page shows an error: {error.text}"
        verdict = driver.find_element(By.ID, "verdict")
        assert verdict.get_attribute("data-verdict") == "likely_ai", verdict.get_attribute("data-verdict")
        assert verdict.text == STRINGS[language]["verdict_likely_ai"], verdict.text
        probability = driver.find_element(By.ID, "probability-value").text
        evidence = [item.text for item in driver.find_elements(By.CSS_SELECTOR, "#evidence li")]
        assert any(line.startswith(STRINGS[language]["c2pa_signer"].split("{")[0]) for line in evidence), evidence
        # Nothing was fetched from anywhere but this server.
        resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        outside = [url for url in resources if not url.startswith(base)]
        assert not outside, f"requests left the origin: {outside}"
        # Nothing of the upload is kept in the page's storage.
        assert driver.execute_script("return localStorage.length + sessionStorage.length") == 0
        assert driver.execute_script("return document.getElementById('file-input').value") == ""
        shot = ROOT / f"docs/service-page-{language}.png"
        driver.save_screenshot(str(shot))
        print(f"ok: {language}: verdict '{verdict.text}', probability {probability}, {len(evidence)} evidence lines; screenshot {shot.relative_to(ROOT)}")
    finally:
        driver.quit()


def main():
    binary = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / ".build/debug/provenant"
    if not binary.exists():
        raise SystemExit(f"FAIL: {binary} not found; build first (swift build)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(binary, port)
    try:
        check_language(base, "en", "ja")
        check_language(base, "ja", "en")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            status = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            raise SystemExit("FAIL: the server did not stop within 30 s of SIGTERM")
    if status != 0:
        raise SystemExit(f"FAIL: the server exited with status {status} after SIGTERM")
    print("ok: the server drained and exited 0 on SIGTERM")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print(f"FAIL: {error}")
        sys.exit(1)

#!/usr/bin/env python3
"""Looks at kpi serve's 我的绩效 in a real browser.

Builds a small demo company, gives one engineer an account, starts `kpi serve` on a free
loopback port, signs in through the login form (its CSRF token included), then opens 我的绩效 in
Debian's headless Chromium — driven over its DevTools pipe, at phone width and at desktop width —
and saves a screenshot of each. Everything runs in a temporary folder and stops at the end.

    scripts/screenshot.py KPI_BINARY CATALOG_DIR OUT_PREFIX
    (make screenshot: .build/release/kpi . exports/screenshot → exports/screenshot-phone.png, -desktop.png)
"""
import base64
import http.cookiejar
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class DevTools:
    """Chromium's DevTools protocol over --remote-debugging-pipe: JSON messages ending in NUL on fds 3 and 4."""

    def __init__(self, profile):
        to_chrome_read, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_write = os.pipe()

        def place_pipes():
            # Chromium reads fd 3 and writes fd 4; moved out of the way first, in case either is 3 or 4.
            reading, writing = os.dup(to_chrome_read), os.dup(from_chrome_write)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self.process = subprocess.Popen(
            ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--remote-debugging-pipe",
             f"--user-data-dir={profile}", "--lang=zh-CN", "about:blank"],
            preexec_fn=place_pipes, pass_fds=(3, 4),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_read)
        os.close(from_chrome_write)
        self.buffer = b""
        self.next_id = 0

    def call(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            while b"\0" not in self.buffer:
                chunk = os.read(self.from_chrome, 1 << 16)
                if not chunk:
                    raise RuntimeError("chromium closed its DevTools pipe")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            answer = json.loads(raw)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
        raise RuntimeError(f"{method}: no answer in {timeout} s")

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def main():
    kpi, catalog, out = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
    work = tempfile.mkdtemp(prefix="kpi-screenshot-")
    database = os.path.join(work, "demo.sqlite")
    environment = dict(os.environ, KPI_CATALOG=catalog, KPI_USER="shot-hr", LANG="zh_CN.UTF-8")
    subprocess.run([kpi, "demo", "--db", database, "--employees", "120", "--months", "6"], env=environment, check=True,
                   stdout=subprocess.DEVNULL)
    with sqlite3.connect(database) as connection:
        login = connection.execute("SELECT login FROM employees WHERE role = 'after-sales-engineer' AND leave_date IS NULL "
                                   "AND login IS NOT NULL ORDER BY id LIMIT 1").fetchone()[0]
    password = "screenshot-password"
    subprocess.run([kpi, "users", "add", login, "--password-stdin", "--db", database], input=password + "\n", text=True,
                   env=environment, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([kpi, "serve", "--db", database, "--host", "127.0.0.1", "--port", str(port)], env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    browser = None
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        # Sign in through the form, as a person does: its CSRF token, then the session cookie.
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        form = opener.open(base + "/login").read().decode()
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', form).group(1)
        opener.open(base + "/login", urllib.parse.urlencode({"csrf": csrf, "login": login, "password": password}).encode())
        session = next(cookie.value for cookie in jar if cookie.name == "kpi_session")

        browser = DevTools(os.path.join(work, "chrome"))
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        tab = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        browser.call("Network.enable", session=tab)
        browser.call("Network.setCookie", {"name": "kpi_session", "value": session, "url": base + "/", "httpOnly": True,
                                            "sameSite": "Strict"}, session=tab)
        for name, width, height, mobile in [("phone", 390, 1400, True), ("desktop", 1280, 1100, False)]:
            browser.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
                         session=tab)
            browser.call("Page.navigate", {"url": base + "/?lang=zh"}, session=tab)
            time.sleep(2)
            text = browser.call("Runtime.evaluate", {"expression": "document.body.innerText"}, session=tab)["result"]["value"]
            if "我的绩效" not in text:
                raise RuntimeError(f"the page is not 我的绩效: {text[:200]}")
            shot = browser.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=tab)
            path = f"{out}-{name}.png"
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
            with open(path, "wb") as file:
                file.write(base64.b64decode(shot["data"]))
            print(f"{path}: 我的绩效 of {login}, {width} px wide")
    finally:
        if browser:
            browser.close()
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()

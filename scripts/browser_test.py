#!/usr/bin/env python3
"""Browser test of the form page: Chromium (headless) driven over WebDriver by chromedriver.

Fills the Duyên Hải Q3 2023 sample into the form of `vn-district-2023` as a person would
(typing the figures, picking the levels), then asserts what the page shows and saves a
screenshot. Usage: browser_test.py <service URL> <screenshot.png>. Standard library only: the
W3C WebDriver protocol is plain HTTP+JSON.
"""
import base64, json, os, socket, subprocess, sys, tempfile, time, urllib.request

SAMPLE = os.path.join(os.path.dirname(__file__), "..", "examples", "data", "duyen-hai-2023-q3.json")
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage", "--window-size=1200,1000"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Driver:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.sid = None

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"content-type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.load(r)["value"]

    def session(self, profile):
        caps = {"browserName": "chrome", "goog:chromeOptions": {
            "binary": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            "args": CHROME_ARGS + [f"--user-data-dir={profile}"]}}
        self.sid = self.call("POST", "/session", {"capabilities": {"alwaysMatch": caps}})["sessionId"]

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.sid}{path}", body)

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css):
        found = self.s("POST", "/elements", {"using": "css selector", "value": css})
        return next(iter(found[0].values())) if found else None

    def type(self, element, text):
        self.s("POST", f"/element/{element}/value", {"text": text})

    def text(self, css):
        return self.js("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css)

    def wait(self, what, check, seconds=30):
        end = time.time() + seconds
        while time.time() < end:
            value = check()
            if value:
                return value
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}")


SET_SELECT = """const e = document.querySelector(arguments[0]); e.value = arguments[1];
e.dispatchEvent(new Event('input', {bubbles: true})); return e.value;"""


def fill(d, sample):
    d.js(SET_SELECT, "#quarter", str(sample["period"]["quarter"]))
    unit = d.find("#unit-name")
    d.s("POST", f"/element/{unit}/clear", {})
    d.type(unit, sample["unit"]["name"])
    for code, leaf in sample["evidence"].items():
        for field, value in leaf.items():
            items = value.items() if isinstance(value, dict) else [(None, value)]
            for sub, v in items:
                name = f"{code}|{field}" + (f".{sub}" if sub else "")
                css = f'[name="{name}"]'
                element = d.find(css)
                if element is None:
                    continue  # notes, documents, reported figures: not form fields
                if d.js("return document.querySelector(arguments[0]).tagName;", css) == "SELECT":
                    d.js(SET_SELECT, css, json.dumps(v) if isinstance(v, bool) else str(v))
                else:
                    d.type(element, str(v))


def main(url, shot):
    sample = json.load(open(SAMPLE, encoding="utf-8"))
    port = free_port()
    driver_proc = subprocess.Popen([os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"), f"--port={port}"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    d = Driver(port)
    try:
        Driver.wait(d, "chromedriver", lambda: _alive(d))
        with tempfile.TemporaryDirectory() as profile:
            d.session(profile)
            try:
                run(d, url, sample, shot)
            finally:
                d.call("DELETE", f"/session/{d.sid}")
    finally:
        driver_proc.terminate()
        driver_proc.wait(10)


def _alive(d):
    try:
        return d.call("GET", "/status")["ready"]
    except OSError:
        return False


def run(d, url, sample, shot):
    started = time.time()
    d.s("POST", "/url", {"url": f"{url}?set=vn-district-2023"})
    d.wait("the form", lambda: d.js("return document.body.dataset.ready === '1';"))
    fill(d, sample)
    # The sample scored by hand in criteria/vn-district-2023/cases/01-duyen-hai-2023-q3.toml:
    # 45.87 of 100, class D (Yếu) (below 50). Leaf 1.1.2: 13/16 = 81.25%, in the band from 80%
    # to under 100%, which the set scores 0.5 of 1.
    d.wait("the total 45,87", lambda: d.text("#total") == "45,87")
    total, klass = d.text("#total"), d.text("#class")
    working = d.text('[data-working="1.1.2"]')
    points = d.text('[data-points="1.1.2"]')
    assert klass == "D (Yếu)", klass
    assert working == "13/16 = 81.25% → band 80% to under 100% → 0.5 of 1", working
    assert points == "0,5 / 1", points
    d.js("window.scrollTo(0, 0); document.activeElement.blur();")
    png = d.s("GET", "/screenshot")
    with open(shot, "wb") as f:
        f.write(base64.b64decode(png))
    print(f"browser test: total {total}, class {klass}, 1.1.2: {working}; "
          f"screenshot {shot}; {time.time() - started:.1f} s in the page")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

#!/usr/bin/env python3
"""`kpi report` in real headless Chromium, driven through the DevTools protocol over a pipe
(--remote-debugging-pipe: no port, no network). For each report: the DOM has a tree node and a
card for every KPI of the plan files (ids read from the files here, not from the report), the
worked numbers are where they should be, the page requested nothing and logged no error, it
renders with JavaScript off, folds and filters from the keyboard, turns dark under
prefers-color-scheme: dark, and prints to one PDF page per top-level goal (pdfinfo). A page of
1,000 KPIs is built as it is read (near the viewport, on a link, before printing, then while idle).
Prints one line per check and ends with "report: N passed, M failed"."""

import argparse, base64, json, os, re, shutil, subprocess, sys, tempfile, time

class Browser:
    def __init__(self, extra_args=()):
        self.profile = tempfile.mkdtemp(prefix="kpi-report-chromium-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        def wire():
            # Chromium reads commands on fd 3 and writes on fd 4; copied high first, so neither
            # end is overwritten, then to 3 and 4 (and inheritable, unlike os.pipe's fds).
            read_end, write_end = os.dup(to_chrome_r), os.dup(from_chrome_w)
            high_read, high_write = os.dup2(read_end, 100), os.dup2(write_end, 101)
            os.dup2(high_read, 3)
            os.dup2(high_write, 4)
            os.set_inheritable(3, True); os.set_inheritable(4, True)
        self.process = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
             "--disable-background-networking", "--disable-component-update", "--hide-scrollbars",
             f"--user-data-dir={self.profile}", *extra_args, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, close_fds=False)
        os.close(to_chrome_r); os.close(from_chrome_w)
        self.buffer = b""; self.next_id = 0; self.events = []

    def _read_message(self, timeout):
        deadline = time.time() + timeout
        while b"\0" not in self.buffer:
            if time.time() > deadline: raise TimeoutError("no answer from chromium")
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk: raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None, timeout=60):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session: message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read_message(timeout)
            if answer.get("id") == self.next_id:
                if "error" in answer: raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_event(self, method, session, timeout=60):
        for i, event in enumerate(self.events):
            if event.get("method") == method and event.get("sessionId") == session:
                return self.events.pop(i)
        deadline = time.time() + timeout
        while time.time() < deadline:
            event = self._read_message(deadline - time.time())
            if event.get("method") == method and event.get("sessionId") == session: return event
            self.events.append(event)
        raise TimeoutError(f"no {method}")

    def close(self):
        try: self.send("Browser.close", timeout=10)
        except Exception: pass
        try: self.process.wait(timeout=10)
        except Exception: self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)

class Page:
    def __init__(self, browser, width=1400, height=1000):
        self.browser = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Network", "Log", "Runtime"): self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def send(self, method, params=None, timeout=60):
        return self.browser.send(method, params, self.session, timeout)

    def load(self, url, timeout=60):
        """Navigates and waits for the load event; returns the seconds it took."""
        self.browser.events = [e for e in self.browser.events if e.get("sessionId") != self.session]
        start = time.time()
        self.send("Page.navigate", {"url": url})
        self.browser.wait_event("Page.loadEventFired", self.session, timeout)
        return time.time() - start

    def js(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result: raise RuntimeError(f"{expression[:60]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def key(self, key, code, keycode, text=None):
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": keycode}
            if text and kind == "keyDown": params["text"] = text
            self.send("Input.dispatchKeyEvent", params)

    def problems(self, document_url):
        """Requests other than the document itself, errors logged, exceptions thrown."""
        found = []
        for event in self.browser.events:
            if event.get("sessionId") != self.session: continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent" and params["request"]["url"] != document_url:
                found.append("request " + params["request"]["url"][:120])
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                found.append(f"log {params['entry']['level']}: {params['entry']['text'][:200]}")
            elif method == "Runtime.exceptionThrown":
                found.append("exception " + json.dumps(params["exceptionDetails"])[:200])
            elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning", "assert"):
                found.append(f"console {params['type']}")
        return found

def uses(path):
    """The files a plan `use`s, as paths."""
    text = open(path, encoding="utf-8", errors="replace").read()
    return [os.path.normpath(os.path.join(os.path.dirname(path), used)) for used in re.findall(r'^use\s+"([^"]+)"', text, re.M)]

def users(named):
    """As `kpi` does for a file named on the command line: the plans of its workspace (here, the
    repository) that use it, directly or through others."""
    candidates = []
    for folder, folders, names in os.walk("."):
        folders[:] = [f for f in folders if not f.startswith(".") and f != "node_modules"]
        candidates += [os.path.normpath(os.path.join(folder, n)) for n in names if n.endswith(".kpi")]
    reached, found, grew = set(named), [], True
    while grew:
        grew = False
        for path in candidates:
            if path not in reached and any(u in reached for u in uses(path)):
                reached.add(path); found.append(path); grew = True
    return found

def plan_ids(paths, with_users):
    """The KPI ids of the plan files, the plans that use them and the files they `use`, read here
    from the .kpi text."""
    files, queue = [], [os.path.normpath(p) for p in paths]
    if with_users: queue += users(queue)   # only for files named, not for folders
    while queue:
        path = os.path.normpath(queue.pop(0))
        if path in files or not os.path.isfile(path): continue
        files.append(path)
        text = open(path, encoding="utf-8", errors="replace").read()
        queue += uses(path)
    ids = []
    for path in files:
        ids += re.findall(r"^kpi\s+([^\s\"#]+)", open(path, encoding="utf-8").read(), re.M)
    return sorted(ids)

class Results:
    def __init__(self): self.passed = 0; self.failed = 0
    def check(self, name, ok, detail=""):
        if ok: self.passed += 1; print(f"ok   {name}")
        else: self.failed += 1; print(f"FAIL {name}" + (f": {detail}" if detail else ""))
        sys.stdout.flush()

# What a reader must find, per KPI card: JavaScript returning the text to compare, and the text.
WORKED = [
    ("revenue-2031 path title", "revenue-2031",
     "c.querySelector('.path-chart svg title').textContent",
     "Path of revenue-2031: $4M → $10M by 2031-12-31 (compound, 20.1%/year)"),
    ("revenue-2031 year-end labels", "revenue-2031",
     "[...c.querySelectorAll('.path-chart text.label.on-path')].map(t => t.textContent).join(' ')",
     "$4.8M $5.77M $6.93M $8.33M $10M"),
    ("extra-revenue waterfall", "extra-revenue",
     "c.querySelector('.split-chart figcaption').textContent",
     "Split of extra-revenue: $1,500 = $100 + $300 + $1,100 (per month)"),
    ("extra-revenue waterfall bars", "extra-revenue",
     "[...c.querySelectorAll('.split-chart text.label')].map(t => t.textContent).join(' ')",
     "+$100 +$300 +$1,100 +$1,500"),
]

# The card of a KPI of examples/acme.kpi (mistakes.kpi has its own `extra-revenue`).
ACME_CARD = "[...document.querySelectorAll('article.card[data-kpi=\"%s\"]')].find(c => c.querySelector('.loc').textContent.startsWith('examples/acme.kpi:'))"

def check_report(page, results, name, html_path, inputs, artifacts):
    url = "file://" + os.path.abspath(html_path)
    seconds = page.load(url)
    results.check(f"{name}: loads ({seconds:.2f} s)", True)
    results.check(f"{name}: no request, no error logged", not page.problems(url), "; ".join(page.problems(url)))
    expected = plan_ids(inputs, with_users=name != "examples")
    nodes = sorted(page.js("[...document.querySelectorAll('.tree .node')].map(n => n.dataset.kpi)"))
    cards = sorted(page.js("[...document.querySelectorAll('article.card')].map(n => n.dataset.kpi)"))
    results.check(f"{name}: a tree node for each of {len(expected)} KPIs", nodes == expected, f"nodes {nodes} != {expected}")
    results.check(f"{name}: a card for each KPI, shown", cards == expected and
                  page.js("[...document.querySelectorAll('article.card')].every(c => c.getClientRects().length > 0)"),
                  f"cards {cards}")
    links = page.js("[...document.querySelectorAll('a[href^=\"#\"]')].filter(a => !document.getElementById(a.getAttribute('href').slice(1))).map(a => a.getAttribute('href'))")
    results.check(f"{name}: every link reaches its target", not links, f"broken: {links[:5]}")
    charts = page.js("[...document.querySelectorAll('svg')].filter(s => !(s.getAttribute('role') === 'img' && s.querySelector('title') && s.querySelector('desc'))).length")
    results.check(f"{name}: every chart has a title and a description", charts == 0, f"{charts} without")
    has_acme = "examples/acme.kpi" in inputs
    for label, kpi, expression, want in WORKED:
        if not has_acme: continue
        got = page.js(f"(c => {expression})({ACME_CARD % kpi})")
        results.check(f"{name}: {label}", got == want, f"{got!r} != {want!r}")
    if has_acme:
        # As a person sees it: the $5.5M milestone is drawn below the path's point for that year end.
        below = page.js("""(c => { const m = c.querySelector('.milestone.behind').getBoundingClientRect();
            const p = [...c.querySelectorAll('.path-point')].map(e => e.getBoundingClientRect())
              .find(r => Math.abs((r.left + r.right) / 2 - (m.left + m.right) / 2) < 1);
            return p ? (m.top + m.bottom) / 2 - (p.top + p.bottom) / 2 : null; })(""" + ACME_CARD % "revenue-2031" + ")")
        results.check(f"{name}: the $5.5M milestone shows below the path", below is not None and below > 20, f"{below} px")
    # Print: one page per top-level goal.
    goals = page.js("document.querySelectorAll('section.goal:not(.unrooted)').length")
    said = int(re.match(r"\d+", page.js("document.getElementById('goal-count').textContent")).group())
    pdf = os.path.join(artifacts, name + ".pdf")
    with open(pdf, "wb") as f:
        f.write(base64.b64decode(page.send("Page.printToPDF", {"preferCSSPageSize": True})["data"]))
    pages = int(re.search(r"^Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout, re.M).group(1))
    results.check(f"{name}: prints {pages} pages for {goals} top-level goals", pages == goals == said, f"header says {said}")
    with open(os.path.join(artifacts, name + ".png"), "wb") as f:
        f.write(base64.b64decode(page.send("Page.captureScreenshot", {"format": "png"})["data"]))

def check_interaction(page, results, html_path, artifacts):
    """Keyboard, the inline script, JavaScript off, dark mode: on the report of acme.kpi."""
    url = "file://" + os.path.abspath(html_path)
    page.load(url)
    page.key("Tab", "Tab", 9)
    results.check("keyboard: Tab first reaches the skip link", page.js("document.activeElement.className") == "skip")
    page.key("Enter", "Enter", 13, "\r")
    results.check("keyboard: Enter on it goes to the goals", page.js("location.hash") == "#goals")
    page.js("document.querySelector('.node.parent .fold').focus()")
    page.key("Enter", "Enter", 13, "\r")
    hidden = page.js("[...document.querySelectorAll('.tree .node')].filter(n => n.hidden).map(n => n.dataset.kpi)")
    results.check("keyboard: Enter on a fold button folds the subtree",
                  hidden == ["inbound-leads", "extra-revenue", "price-increase", "repeat-customers", "new-customers"], f"{hidden}")
    page.key("Enter", "Enter", 13, "\r")
    results.check("keyboard: again unfolds it", page.js("[...document.querySelectorAll('.tree .node')].filter(n => n.hidden).length") == 0)
    page.js("document.querySelector('button.filter[data-filter=\"behind\"]').focus()")
    page.key(" ", "Space", 32, " ")
    shown = page.js("[...document.querySelectorAll('article.card')].filter(c => c.getClientRects().length > 0).map(c => c.dataset.kpi)")
    results.check("filter: 'behind' shows only the behind KPIs", shown == ["mrr"], f"{shown}")
    page.send("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    page.load(url)
    background = page.js("getComputedStyle(document.body).backgroundColor")
    results.check("dark: prefers-color-scheme dark gives the dark page", background == "rgb(20, 24, 31)", background)
    with open(os.path.join(artifacts, "acme-dark.png"), "wb") as f:
        f.write(base64.b64decode(page.send("Page.captureScreenshot", {"format": "png"})["data"]))
    page.send("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
    page.send("Emulation.setScriptExecutionDisabled", {"value": True})
    page.load(url)
    off = page.js("[document.querySelectorAll('.fold').length, [...document.querySelectorAll('article.card, .tree .node')].every(e => e.getClientRects().length > 0)]")
    results.check("JavaScript off: every row and card shows, no fold buttons", off == [0, True], f"{off}")
    page.send("Emulation.setScriptExecutionDisabled", {"value": False})

def wait_until(page, expression, timeout=60):
    """Polls until the expression is true; returns the seconds it took, or None on timeout."""
    start = time.time()
    while time.time() - start < timeout:
        if page.js(expression): return time.time() - start
        time.sleep(0.1)
    return None

IN_VIEW = "(e => { const r = e.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; })"

def check_large(page, results, kpi, today, artifacts):
    """A page too large to build at once (1,000 KPIs): the script builds what is near the viewport,
    a link's card before the jump, the printed parts before printing and the rest while idle; with
    JavaScript off every part shows as written."""
    folder = os.path.join(artifacts, "large")
    subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Benchmarks", "generate.py"),
                    "1000", folder], check=True, stdout=subprocess.DEVNULL)
    plans = os.path.join(folder, "kpi")
    html = os.path.join(artifacts, "large.html")
    run = subprocess.run([kpi, "report", plans, "-o", html, "--today", today], capture_output=True, text=True)
    results.check("large: kpi report exits 0", run.returncode == 0, run.stderr.strip())
    if run.returncode != 0: return
    url = "file://" + os.path.abspath(html)
    files = sorted(os.path.join(plans, f) for f in os.listdir(plans) if f.endswith(".kpi"))
    expected = plan_ids(files, with_users=False)
    seconds = page.load(url)
    waiting = page.js("document.querySelectorAll('noscript.later').length")
    results.check(f"large: loads ({seconds:.2f} s) with parts still to build", waiting > 500, f"{waiting} unbuilt")
    first = wait_until(page, f"(c => c && {IN_VIEW}(c))(document.querySelector('article.card'))", 10)
    results.check("large: the first goal's tree and card are built in the viewport", first is not None and
                  page.js("document.querySelectorAll('.tree .node').length") > 0)
    target = page.js("""(a => a && a.getAttribute('href'))([...document.querySelectorAll('.tree a[href^="#kpi-"]')]
        .find(a => !document.getElementById(a.getAttribute('href').slice(1))))""")
    if target:
        page.js(f"document.querySelector('.tree a[href=\"{target}\"]').click()")
        shown = wait_until(page, f"(c => c && {IN_VIEW}(c))(document.getElementById('{target[1:]}'))", 10)
        results.check(f"large: a tree link to an unbuilt card builds it and shows it ({target})", shown is not None and
                      page.js("location.hash") == target, page.js("location.hash"))
    else:
        results.check("large: a tree link to an unbuilt card", False, "every card was built at once")
    last = page.js("[...document.querySelectorAll('noscript.later[data-id]')].pop().dataset.id")
    page.js(f"location.hash = '#{last}'")
    shown = wait_until(page, f"(c => c && {IN_VIEW}(c))(document.getElementById('{last}'))", 10)
    results.check(f"large: the page's last card, by its address, is built and shown ({last})", shown is not None)
    page.js("document.querySelector('button.filter[data-filter=\"behind\"]').click()")
    built = wait_until(page, "document.documentElement.dataset.built === 'all'", 120)
    results.check(f"large: the rest is built while idle ({built and round(built, 1)} s more)", built is not None)
    nodes = sorted(page.js("[...document.querySelectorAll('.tree .node')].map(n => n.dataset.kpi)"))
    cards = sorted(page.js("[...document.querySelectorAll('article.card')].map(n => n.dataset.kpi)"))
    results.check(f"large: then a tree node and a card for each of {len(expected)} KPIs", nodes == expected and cards == expected,
                  f"{len(nodes)} nodes, {len(cards)} cards")
    links = page.js("[...document.querySelectorAll('a[href^=\"#\"]')].filter(a => !document.getElementById(a.getAttribute('href').slice(1))).length")
    results.check("large: every link reaches its target", links == 0, f"{links} broken")
    behind = page.js("[...document.querySelectorAll('article.card')].filter(c => c.getClientRects().length > 0).map(c => c.dataset.status)")
    said = int(page.js("document.querySelector('button.filter[data-filter=\"behind\"] .n').textContent"))
    results.check(f"large: the 'behind' filter holds for cards built after it ({len(behind)} shown)",
                  len(behind) == said and set(behind) <= {"behind"}, f"{len(behind)} shown, header says {said}")
    # Print straight after loading: the trees and the goals' cards are built first.
    page.load(url)
    goals = page.js("document.querySelectorAll('section.goal:not(.unrooted)').length")
    pdf = os.path.join(artifacts, "large.pdf")
    with open(pdf, "wb") as f:
        f.write(base64.b64decode(page.send("Page.printToPDF", {"preferCSSPageSize": True}, timeout=300)["data"]))
    pages = int(re.search(r"^Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout, re.M).group(1))
    unprinted = page.js("document.querySelectorAll('noscript.later.print').length")
    results.check(f"large: prints {pages} pages for {goals} top-level goals, each goal's tree and card built",
                  unprinted == 0 and pages >= goals and page.js("document.querySelectorAll('article.goal-card').length") == goals,
                  f"{unprinted} printed parts unbuilt")
    page.send("Emulation.setScriptExecutionDisabled", {"value": True})
    page.load(url, timeout=120)
    off = page.js("[document.querySelectorAll('article.card').length, document.querySelectorAll('.tree .node').length]")
    results.check("large: JavaScript off, every card and row is there as written", off == [len(expected), len(expected)], f"{off}")
    page.send("Emulation.setScriptExecutionDisabled", {"value": False})

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kpi", required=True)
    parser.add_argument("--today", default="2027-07-15")
    parser.add_argument("--screenshot", help="where to write the screenshot of the examples folder's report")
    parser.add_argument("--artifacts", default=os.environ.get("REPORT_ARTIFACTS"))
    args = parser.parse_args()
    artifacts = args.artifacts or tempfile.mkdtemp(prefix="kpi-report-")
    os.makedirs(artifacts, exist_ok=True)
    results = Results()
    inputs = [("examples", ["examples"])] + [(f[:-4], [os.path.join("examples", f)]) for f in sorted(os.listdir("examples")) if f.endswith(".kpi")]
    browser = Browser()
    try:
        page = Page(browser)
        for name, paths in inputs:
            html = os.path.join(artifacts, name + ".html")
            run = subprocess.run([args.kpi, "report", *paths, "-o", html, "--today", args.today], capture_output=True, text=True)
            results.check(f"{name}: kpi report exits 0", run.returncode == 0, run.stderr.strip())
            if run.returncode != 0: continue
            files = [os.path.join("examples", f) for f in sorted(os.listdir("examples")) if f.endswith(".kpi")] if paths == ["examples"] else paths
            try:
                check_report(page, results, name, html, files, artifacts)
            except Exception as error:
                results.check(f"{name}: browser checks ran", False, repr(error))
            if name == "examples" and args.screenshot:
                os.makedirs(os.path.dirname(args.screenshot), exist_ok=True)
                shutil.copy(os.path.join(artifacts, "examples.png"), args.screenshot)
        try:
            check_interaction(page, results, os.path.join(artifacts, "acme.html"), artifacts)
        except Exception as error:
            results.check("interaction checks ran", False, repr(error))
        try:
            check_large(page, results, args.kpi, args.today, artifacts)
        except Exception as error:
            results.check("large-page checks ran", False, repr(error))
    finally:
        browser.close()
    print(f"screenshots and PDFs in {artifacts}")
    print(f"report: {results.passed} passed, {results.failed} failed")
    sys.exit(1 if results.failed else 0)

if __name__ == "__main__":
    main()

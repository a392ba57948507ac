#!/usr/bin/env python3
"""`kpi report` on generated workspaces (generate.py): the time to write the report (best of
--runs), its size, and the time headless Chromium takes to load it (navigation to the load event,
through the DevTools protocol as Tests/report/browser.py drives it), at 1,000 and 10,000 KPIs, so
the size and times can be seen to grow linearly. Prints a Markdown table; the targets are under
1 s for the report and under 3 s for Chromium at 10,000 KPIs.

  swift build -c release && python3 Benchmarks/report.py [--kpi .build/release/kpi] [--sizes 1000 10000]
"""

import argparse, os, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "Tests", "report"))
from browser import Browser, Page  # noqa: E402

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kpi", default=os.path.join(HERE, "..", ".build", "release", "kpi"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait for Chromium's load event")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="kpi-report-bench-")
    rows = []
    browser = Browser()
    try:
        page = Page(browser)
        for n in args.sizes:
            folder = os.path.join(work, str(n))
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(n), folder], check=True, stdout=subprocess.DEVNULL)
            html = os.path.join(work, f"report-{n}.html")
            best = float("inf")
            for _ in range(args.runs):
                start = time.perf_counter()
                subprocess.run([args.kpi, "report", os.path.join(folder, "kpi"), "-o", html, "--today", "2027-07-15"],
                               check=True, stderr=subprocess.DEVNULL)
                best = min(best, time.perf_counter() - start)
            try:
                load = min(page.load("file://" + html, timeout=args.timeout) for _ in range(args.runs))
            except TimeoutError:
                load = None   # reported as "> timeout"; a fresh page for the next size
                page = Page(browser)
            page.load("about:blank")
            rows.append((n, best, os.path.getsize(html), load))
    finally:
        browser.close()
    print("| KPIs | `kpi report` | size | per KPI | Chromium load |")
    print("| --: | --: | --: | --: | --: |")
    for n, seconds, size, load in rows:
        shown = f"{load:.2f} s" if load is not None else f"> {args.timeout:.0f} s"
        print(f"| {n:,} | {seconds * 1000:.0f} ms | {size / 1e6:.1f} MB | {size / n / 1000:.1f} KB | {shown} |")

if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""`kpi report` on generated workspaces (generate.py): the time to write the report (the median of
--runs, wall and CPU, user + sys), its size, and the time headless Chromium takes to load it
(navigation to the load event, through the DevTools protocol as Tests/report/browser.py drives it;
wall, and the CPU time of all of Chromium's processes) and until its script has built every part
while the browser was idle (`data-built="all"`), at 1,000 and 10,000 KPIs. CPU times
move less than wall times when the machine is shared. Prints the load average and a Markdown table;
the targets are under 1 s for the report and under 3 s for Chromium at 10,000 KPIs. Fails (exit 1)
when the size does not grow linearly: bytes per KPI at the largest size more than 15% away from
the smallest.

  swift build -c release && python3 Benchmarks/report.py [--kpi .build/release/kpi] [--sizes 1000 10000]
"""

import argparse, glob, os, resource, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "Tests", "report"))
from browser import Browser, Page  # noqa: E402

def chromium_cpu(browser):
    """User + sys seconds of every process of this Chromium (its profile is on each command line)."""
    total = 0.0
    for folder in glob.glob("/proc/[0-9]*"):
        try:
            with open(folder + "/cmdline", "rb") as f:
                if browser.profile.encode() not in f.read(): continue
            with open(folder + "/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            pass   # a process that ended meanwhile
    return total

def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kpi", default=os.path.join(HERE, "..", ".build", "release", "kpi"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait for Chromium's load event")
    args = parser.parse_args()
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    work = tempfile.mkdtemp(prefix="kpi-report-bench-")
    rows = []
    browser = Browser()
    try:
        page = Page(browser)
        for n in args.sizes:
            folder = os.path.join(work, str(n))
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(n), folder], check=True, stdout=subprocess.DEVNULL)
            html = os.path.join(work, f"report-{n}.html")
            walls, cpus = [], []
            for _ in range(args.runs):
                start, cpu = time.perf_counter(), children_cpu()
                subprocess.run([args.kpi, "report", os.path.join(folder, "kpi"), "-o", html, "--today", "2027-07-15"],
                               check=True, stderr=subprocess.DEVNULL)
                walls.append(time.perf_counter() - start)
                cpus.append(children_cpu() - cpu)
            loads, load_cpus, builds = [], [], []
            try:
                for _ in range(args.runs):
                    cpu = chromium_cpu(browser)
                    loads.append(page.load("file://" + html, timeout=args.timeout))
                    load_cpus.append(chromium_cpu(browser) - cpu)
                    start = time.perf_counter()
                    while page.js("document.documentElement.dataset.built") != "all":
                        if time.perf_counter() - start > args.timeout: raise TimeoutError("not built")
                        time.sleep(0.05)
                    builds.append(loads[-1] + time.perf_counter() - start)
                    page.load("about:blank")
            except TimeoutError:
                loads = []   # reported as "> timeout"; a fresh page for the next size
                page = Page(browser)
            median = lambda values: statistics.median(values) if values else None
            rows.append((n, median(walls), median(cpus), os.path.getsize(html), median(loads), median(load_cpus), median(builds)))
    finally:
        browser.close()
    print(f"load average before and after: {load_before} / {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores; medians of {args.runs} runs")
    print("| KPIs | `kpi report` | its CPU | size | per KPI | Chromium load | its CPU | all built |")
    print("| --: | --: | --: | --: | --: | --: | --: | --: |")
    for n, seconds, cpu, size, load, load_cpu, built in rows:
        shown = f"{load:.2f} s | {load_cpu:.2f} s | {built:.2f} s" if load is not None else f"> {args.timeout:.0f} s | – | –"
        print(f"| {n:,} | {seconds * 1000:.0f} ms | {cpu * 1000:.0f} ms | {size / 1e6:.1f} MB | {size / n / 1000:.2f} KB | {shown} |")
    small, large = min(rows), max(rows)
    if small[0] != large[0]:
        ratio = (large[3] / large[0]) / (small[3] / small[0])
        linear = abs(ratio - 1) <= 0.15
        print(f"bytes per KPI at {large[0]:,} / at {small[0]:,}: {ratio:.3f} ({'linear' if linear else 'NOT linear'}: within 15% is linear)")
        if not linear: sys.exit(1)

if __name__ == "__main__":
    main()

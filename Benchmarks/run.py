#!/usr/bin/env python3
"""The language-server benchmark: `python3 Benchmarks/run.py`.

Builds `kpi` in release, installs the peer (`tombi`, a TOML language server in Rust) with pip if it
is missing, generates synthetic workspaces of 1,000 / 10,000 / 100,000 KPIs (Benchmarks/generate.py)
with the same plan written as TOML, then runs the same editor scenario against `kpi lsp` and
`tombi lsp --offline` over their pipes, twice for tombi: on the TOML files alone (tombi checks
TOML syntax), and with a JSON Schema of the KPI fields applied by a `tombi.toml` (tombi then also
checks the fields, their value shapes and choices, and completes keys and choices, as `kpi` does):

  start-up      process spawn to the `initialize` answer: the median of 30 starts, the servers
                taking turns (one start is a few milliseconds, so one sample is mostly noise)
  index         `initialized` to the last first `publishDiagnostics` of every file (both servers
                index the workspace folder themselves and push diagnostics for every file)
  keystroke     `didChange` of one character to the `publishDiagnostics` of that document, in the
                largest file (500 KPIs) and in the root file of the cascade (every other file
                depends on it); also to the last publish the change causes
  requests      hover, completion, definition, references: p50 / p99 over N requests each
  memory        peak resident memory of the server process (VmHWM)
  batch         `kpi check` on the whole workspace against `tombi lint` on the TOML workspace
                (median of 7 runs each, taking turns)
  parse         `KPI_TIMING=1 kpi check`: parser MB/s against a plain byte scan of the same files

Prints a table (ours, tombi's, ratio ours/tombi, tombi's with the schema, ratio: below 1.0 is
better) and writes the same as JSON to Benchmarks/out/results.json.
"""
import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import generate  # noqa: E402
from lsp import CLIENT_CAPABILITIES, Client, now, uri  # noqa: E402


def log(message):
    print(message, file=sys.stderr, flush=True)


# -- setup ------------------------------------------------------------------------------------

# The release build as the README installs it: one static executable, the Swift runtime, Foundation
# and the C and C++ libraries linked in. The dynamic loader has nothing to load or relocate at each
# start: spawn to the `initialize` answer takes 1.4 ms instead of 2.5 (the runtime linked in,
# libstdc++ and libc loaded and relocated) or 5.9 (everything shared).
RELEASE = ["-c", "release", "--static-swift-stdlib", "-Xswiftc", "-static-executable"]


def build_kpi(scratch):
    log(f"building kpi (release, one static executable, --scratch-path {scratch}) ...")
    started = now()
    subprocess.run(["swift", "build", *RELEASE, "--scratch-path", scratch, "--product", "kpi"], cwd=ROOT, check=True,
                   stdout=sys.stderr)
    log(f"built in {now() - started:.0f} s")
    out = subprocess.run(["swift", "build", *RELEASE, "--scratch-path", scratch, "--show-bin-path"], cwd=ROOT,
                         check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(out, "kpi")


def check_quiet(kpi):
    """Stops on a binary that writes to stderr when nothing is wrong: a `-no-pie` link against the
    shared Swift runtime made the loader warn on every run ("direct reference to protected function")."""
    for argv, stdin in (([kpi, "check", os.path.join(ROOT, "examples", "acme.kpi")], b""), ([kpi, "fmt", "-"], b"kpi a\n")):
        err = subprocess.run(argv, input=stdin, capture_output=True).stderr.decode(errors="replace")
        if err:
            sys.exit(f"{' '.join(argv[1:2])} wrote to stderr; rebuild as the README says:\n{err}")


def find_tombi():
    found = shutil.which("tombi")
    if not found:
        log("installing tombi with pip ...")
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "tombi"], check=True, stdout=sys.stderr)
        found = shutil.which("tombi")
        if not found:   # pip's scripts folder may not be on PATH
            scripts = subprocess.run([sys.executable, "-c", "import sysconfig; print(sysconfig.get_path('scripts'))"],
                                     capture_output=True, text=True).stdout.strip()
            candidate = os.path.join(scripts, "tombi")
            found = candidate if os.path.exists(candidate) else None
    if not found:
        raise SystemExit("cannot find or install tombi")
    return found


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = "?"
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            memory = f"{kb / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    return {"nproc": os.cpu_count(), "memory": memory, "cpu": cpu, "os": platform.platform(),
            "swift": swift[0] if swift else "?", "python": platform.python_version()}


# -- the scenario -----------------------------------------------------------------------------

def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (k - low)


def summary(values):
    return {"n": len(values), "p50_ms": ms(percentile(values, 50)), "p99_ms": ms(percentile(values, 99)),
            "max_ms": ms(max(values)) if values else None, "mean_ms": ms(statistics.mean(values)) if values else None}


def ms(seconds):
    return None if seconds is None else round(seconds * 1000, 3)


class Document:
    """An open document the driver edits, as the editor keeps it."""

    def __init__(self, path, language):
        self.path, self.uri, self.language = path, uri(path), language
        with open(path, encoding="utf-8") as f:
            self.lines = f.read().split("\n")
        self.version = 1

    @property
    def text(self):
        return "\n".join(self.lines)


def edit_point(doc, toml):
    """Inside the title of the first KPI: (line, character)."""
    for i, line in enumerate(doc.lines):
        if toml and line.startswith("title = \""):
            return i, len("title = \"")
        if not toml and line.startswith("kpi ") and "\"" in line:
            return i, line.index("\"") + 1
    raise ValueError(f"no KPI title in {doc.path}")


def request_positions(doc, toml):
    """Where the editor asks: per KPI of the file, its id, its parent reference, its metric, the
    end of its parent and metric values, and the middle of a field key (as while typing one)."""
    ids, parents, metrics, parent_ends, metric_ends, keys = [], [], [], [], [], []
    for i, line in enumerate(doc.lines):
        if toml:
            if line.startswith("[kpi.") and line.count(".") == 1:
                ids.append((i, 5))
            elif line.startswith("parent = \""):
                parents.append((i, 11))
                parent_ends.append((i, len(line) - 1))
            elif line.startswith("metric = \""):
                metrics.append((i, 11))
                metric_ends.append((i, len(line) - 1))
            elif line.startswith("owner = "):
                keys.append((i, 2))
        else:
            if line.startswith("kpi "):
                ids.append((i, 5))
            elif line.startswith("  parent: "):
                parents.append((i, 11))
                parent_ends.append((i, len(line)))
            elif line.startswith("  metric: "):
                metrics.append((i, 11))
                metric_ends.append((i, len(line)))
            elif line.startswith("  owner: "):
                keys.append((i, 4))

    def mix(*lists):
        out = []
        for group in zip(*lists):
            out += group
        return out

    return {
        "hover": mix(ids, parents, metrics),
        "completion": mix(parent_ends, metric_ends, keys),
        "definition": parents,
        "references": ids,
    }


def result_size(message):
    result = message.get("result")
    if result is None:
        return 0
    if isinstance(result, list):
        return len(result)
    if isinstance(result, dict) and "items" in result:
        return len(result["items"])
    return 1


def initialize_params(folder):
    return {"processId": os.getpid(), "rootUri": uri(folder), "rootPath": folder,
            "workspaceFolders": [{"uri": uri(folder), "name": os.path.basename(folder)}],
            "capabilities": CLIENT_CAPABILITIES, "clientInfo": {"name": "kpi-benchmark"}}


def startups(servers, runs):
    """Spawn to `initialize` answer, `runs` times per server, the servers taking turns so that
    both see the same load; returns the median of each, in ms."""
    times = {name: [] for name in servers}
    for _ in range(runs):
        for name, (argv, folder) in servers.items():
            spawned = now()
            client = Client(argv, cwd=folder)
            rid = client.send_request_async("initialize", initialize_params(folder))
            at, _ = client.wait_response(rid, timeout=60)
            times[name].append(at - spawned)
            client.close()
    return {name: ms(statistics.median(values)) for name, values in times.items()}


def run_server(name, argv, folder, files, largest, root, options, is_kpi):
    """One server through the whole scenario; returns its figures."""
    toml = not is_kpi
    out = {"server": name}
    stderr = os.path.join(options.out, f"{name}-{len(files)}.stderr.log")
    spawned = now()
    client = Client(argv, cwd=folder, stderr_path=stderr)
    client.folders = [{"uri": uri(folder), "name": os.path.basename(folder)}]
    rid = client.send_request_async("initialize", initialize_params(folder))
    at, answer = client.wait_response(rid, timeout=60)
    out["first_startup_ms"] = ms(at - spawned)
    sync = answer["result"]["capabilities"].get("textDocumentSync", 1)
    incremental = (sync.get("change") if isinstance(sync, dict) else sync) == 2

    # Index: `initialized` to the last of the first publishDiagnostics of every file.
    sent = client.notify("initialized", {})
    wanted = {uri(os.path.join(folder, f)) for f in files}
    seen, last = set(), None
    deadline = now() + options.timeout
    while seen != wanted and now() < deadline:
        item = client.next_notification(max(0.01, deadline - now()))
        if item is None or item[1] is None:
            break
        at, message = item
        if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] in wanted:
            seen.add(message["params"]["uri"])
            last = at
    out["index_ms"] = ms(last - sent) if seen == wanted else None
    out["index_files_published"] = len(seen)
    log(f"  {name}: start-up {out['first_startup_ms']} ms, index {out['index_ms']} ms ({len(seen)}/{len(wanted)} files)")
    client.drain(quiet=0.5)

    # Keystrokes: one character typed then deleted, alternately, in a KPI title.
    for label, path in (("largest", largest), ("root", root)):
        doc = Document(os.path.join(folder, path), "toml" if toml else "kpi")
        client.notify("textDocument/didOpen", {"textDocument": {"uri": doc.uri, "languageId": doc.language,
                                                                "version": doc.version, "text": doc.text}})
        client.drain(quiet=0.5)
        line, col = edit_point(doc, toml)
        to_own, to_last, stats, missing = [], [], [], 0
        for k in range(options.keystrokes):
            doc.version += 1
            if k % 2 == 0:
                doc.lines[line] = doc.lines[line][:col] + "x" + doc.lines[line][col:]
                change = {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, "text": "x"}
            else:
                doc.lines[line] = doc.lines[line][:col] + doc.lines[line][col + 1:]
                change = {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 1}}, "text": ""}
            params = {"textDocument": {"uri": doc.uri, "version": doc.version},
                      "contentChanges": [change if incremental else {"text": doc.text}]}
            sent = client.notify("textDocument/didChange", params)
            own, last_at = None, None
            end = now() + 30
            while own is None and now() < end:
                item = client.next_notification(max(0.01, end - now()))
                if item is None or item[1] is None:
                    break
                at, message = item
                if message.get("method") != "textDocument/publishDiagnostics":
                    continue
                last_at = at
                p = message["params"]
                if p["uri"] == doc.uri and p.get("version") in (None, doc.version):
                    own = at
            if own is None:
                missing += 1
                continue
            to_own.append(own - sent)
            # Everything the change publishes arrives before the answer to a request sent after it.
            if is_kpi:
                _, answer = client.request("kpi/stats", None)
                stats.append(answer["result"])
                rest = client.drain(quiet=0.0, limit=0.001)
            else:
                rest = client.drain(quiet=0.15)
            for at, message in rest:
                if message and message.get("method") == "textDocument/publishDiagnostics":
                    last_at = max(last_at or at, at)
            to_last.append(last_at - sent)
        out[f"keystroke_{label}"] = summary(to_own)
        out[f"keystroke_{label}_last"] = summary(to_last)
        out[f"keystroke_{label}_missing"] = missing
        if stats:
            out[f"recheck_{label}"] = {
                "files": statistics.median(s["lastFilesRechecked"] for s in stats),
                "kpis": statistics.median(s["lastKPIsRechecked"] for s in stats),
                "published": statistics.median(s["lastFilesPublished"] for s in stats),
                "pass_ms": round(statistics.median(s["lastPublishMs"] for s in stats), 3),
                "graph_ms": round(statistics.median(s["lastAnalysisMs"] for s in stats), 3),
                "workspace_files": stats[-1]["files"], "workspace_kpis": stats[-1]["kpis"]}
        log(f"  {name}: keystroke in {label} ({path}) p50 {out[f'keystroke_{label}']['p50_ms']} ms,"
            f" to last publish p50 {out[f'keystroke_{label}_last']['p50_ms']} ms"
            + (f", re-checked {out[f'recheck_{label}']}" if stats else ""))

    # Requests in the largest file (open, unchanged since the last keystroke pair).
    doc = Document(os.path.join(folder, largest), "")
    positions = request_positions(doc, toml)
    for kind, method in (("hover", "textDocument/hover"), ("completion", "textDocument/completion"),
                         ("definition", "textDocument/definition"), ("references", "textDocument/references")):
        where = positions[kind]
        times, sizes, errors = [], [], 0
        stop = now() + options.request_seconds
        for i in range(options.requests):
            line, col = where[i % len(where)]
            params = {"textDocument": {"uri": doc.uri}, "position": {"line": line, "character": col}}
            if kind == "references":
                params["context"] = {"includeDeclaration": True}
            took, answer = client.request(method, params, timeout=60)
            times.append(took)
            if "error" in answer:
                errors += 1
            else:
                sizes.append(result_size(answer))
            if now() > stop:
                break
        out[kind] = summary(times)
        out[kind]["errors"] = errors
        out[kind]["nonempty"] = sum(1 for s in sizes if s)
        out[kind]["mean_items"] = round(statistics.mean(sizes), 1) if sizes else 0
        log(f"  {name}: {kind} p50 {out[kind]['p50_ms']} ms p99 {out[kind]['p99_ms']} ms"
            f" ({out[kind]['nonempty']}/{len(times)} non-empty, {errors} errors, {out[kind]['mean_items']} items)")

    out["peak_rss_mb"] = round((client.vm_hwm_kb() or 0) / 1024, 1)
    client.close()
    return out


def batch(commands, runs=7):
    """Wall time of each (argv, cwd), `runs` times, taking turns; the median of each, in ms."""
    times = [[] for _ in commands]
    for _ in range(runs):
        for index, (argv, cwd) in enumerate(commands):
            started = now()
            subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[index].append(now() - started)
    return [ms(statistics.median(values)) for values in times]


def parse_timing(kpi, folder):
    result = subprocess.run([kpi, "check", "."], cwd=folder, env=dict(os.environ, KPI_TIMING="1"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    text = result.stderr
    found = {}
    for key, pattern in (("scan_mb_s", r"byte scan (\d+) MB/s"), ("parse_mb_s", r"; parse (\d+) MB/s"),
                         ("read_mb_s", r"read into the model (\d+) MB/s")):
        m = re.search(pattern, text)
        found[key] = int(m.group(1)) if m else None
    phases = re.search(r"kpi timing: (load .*)", text)
    found["phases"] = phases.group(1) if phases else None
    return found


# -- the table ----------------------------------------------------------------------------------

def fmt_ms(v):
    if v is None:
        return "—"
    return f"{v:.2f} ms" if v < 10 else f"{v:.1f} ms" if v < 100 else f"{v:,.0f} ms"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "—"
    return f"{a / b:.2f}"


def table(results):
    lines = []
    for size in results["sizes"]:
        r = results["runs"][str(size)]
        meta, ours, peer, checked = r["workspace"], r["kpi"], r["tombi"], r.get("tombi_schema")
        lines.append("")
        lines.append(f"{size:,} KPIs — {meta['files']} files, {meta['bytes'] / 1e6:.1f} MB; largest file {meta['largest_file']}"
                     f" ({meta['largest_file_kpis']} KPIs); root file {meta['root_file']} ({meta['root_file_kpis']} KPIs,"
                     f" {meta['root_direct_dependents']:,} KPIs in other files name one of its KPIs as parent,"
                     f" {meta['files_using_root']} files use it)")
        lines.append(f"{'':46} {'kpi':>12} {'tombi':>12} {'ratio':>7} {'tombi+schema':>13} {'ratio':>7}")

        def row(label, a, b, c=None, unit="ms"):
            def cell(v):
                return fmt_ms(v) if unit == "ms" else ("—" if v is None else f"{v:,.1f} MB")
            lines.append(f"{label:46} {cell(a):>12} {cell(b):>12} {ratio(a, b):>7} {cell(c):>13} {ratio(a, c):>7}")

        def figure(server, *keys):
            value = server
            for key in keys:
                value = (value or {}).get(key)
            return value

        startup = r["startup_ms"]
        row(f"start-up → initialize answer (median of {r['startup_runs']})", startup["kpi"], startup["tombi"], startup.get("tombi_schema"))
        row("index → last first publishDiagnostics", ours["index_ms"], peer["index_ms"], figure(checked, "index_ms"))
        for label, key in (("largest", "keystroke_largest"), ("root", "keystroke_root")):
            for title, k, p in (("keystroke → diagnostics, {} file, p50", key, "p50_ms"), ("keystroke → diagnostics, {} file, p99", key, "p99_ms"),
                                ("keystroke → last publish it causes, {}, p50", key + "_last", "p50_ms")):
                row(title.format(label), ours[k][p], peer[k][p], figure(checked, k, p))
        for kind in ("hover", "completion", "definition", "references"):
            row(f"{kind} p50 ({ours[kind]['n']} requests)", ours[kind]["p50_ms"], peer[kind]["p50_ms"], figure(checked, kind, "p50_ms"))
            row(f"{kind} p99", ours[kind]["p99_ms"], peer[kind]["p99_ms"], figure(checked, kind, "p99_ms"))
        row("peak resident memory (VmHWM)", ours["peak_rss_mb"], peer["peak_rss_mb"], figure(checked, "peak_rss_mb"), unit="MB")
        row("kpi check vs tombi lint (wall)", r["check_ms"], r["lint_ms"], r.get("lint_schema_ms"))
        for label in ("largest", "root"):
            s = ours.get(f"recheck_{label}")
            if s:
                lines.append(f"  re-checked per keystroke in the {label} file: {s['files']:g} of {s['workspace_files']} files,"
                             f" {s['kpis']:,.0f} of {s['workspace_kpis']:,} KPIs; {s['published']:g} files published;"
                             f" pass {s['pass_ms']:.2f} ms (goal graph {s['graph_ms']:.2f} ms)")
        p = r["parse"]
        lines.append(f"  parse throughput: {p['parse_mb_s']} MB/s (syntax tree), {p['read_mb_s']} MB/s (tree + model);"
                     f" byte scan {p['scan_mb_s']} MB/s; kpi check phases: {p['phases']}")
        answers = ", ".join(f"{k} {ours[k]['nonempty']}/{ours[k]['n']} vs {peer[k]['nonempty']}/{peer[k]['n']}"
                            + (f" vs {checked[k]['nonempty']}/{checked[k]['n']}" if checked else "")
                            for k in ("hover", "completion", "definition", "references"))
        lines.append(f"  non-empty answers (kpi vs tombi{' vs tombi+schema' if checked else ''}): {answers}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="KPI counts, comma-separated")
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 KPIs only (for CI)")
    parser.add_argument("--requests", type=int, default=1000, help="requests of each kind")
    parser.add_argument("--request-seconds", type=float, default=40, help="cap on the time spent on one kind of request")
    parser.add_argument("--keystrokes", type=int, default=40)
    parser.add_argument("--startups", type=int, default=30, help="starts of each server for the start-up median")
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait for the index")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scratch-path", default=os.path.join(ROOT, ".build-bench"))
    parser.add_argument("--kpi", help="a kpi binary to use instead of building one")
    parser.add_argument("--out", default=os.path.join(HERE, "out"))
    parser.add_argument("--label", default="", help="a name for this run in results.json")
    options = parser.parse_args()
    sizes = [1000, 10000] if options.quick else [int(s) for s in options.sizes.split(",")]
    os.makedirs(options.out, exist_ok=True)
    started = now()

    kpi = os.path.abspath(options.kpi) if options.kpi else build_kpi(options.scratch_path)
    check_quiet(kpi)
    tombi = find_tombi()
    tombi_version = subprocess.run([tombi, "--version"], capture_output=True, text=True).stdout.strip()
    results = {"label": options.label, "date": time.strftime("%Y-%m-%d %H:%M"), "machine": machine(),
               "tombi": tombi_version, "sizes": sizes, "runs": {}}
    for size in sizes:
        folder = os.path.join(options.out, f"ws-{size}")
        log(f"{size:,} KPIs: generating {folder} ...")
        meta = generate.generate(size, folder, options.seed)
        kpi_folder, toml_folder = os.path.join(folder, "kpi"), os.path.join(folder, "toml")
        kpi_files = sorted(f for f in os.listdir(kpi_folder) if f.endswith(".kpi"))
        toml_files = [f[:-4] + ".toml" for f in kpi_files]
        run = {"workspace": meta}
        run["kpi"] = run_server("kpi", [kpi, "lsp"], kpi_folder, kpi_files, meta["largest_file"], meta["root_file"],
                                options, is_kpi=True)
        schema_folder = os.path.join(folder, "toml-schema")
        for peer, peer_folder in (("tombi", toml_folder), ("tombi_schema", schema_folder)):
            run[peer] = run_server(peer, [tombi, "lsp", "--offline"], peer_folder, toml_files,
                                   meta["largest_file"][:-4] + ".toml", meta["root_file"][:-4] + ".toml", options, is_kpi=False)
        run["startup_ms"] = startups({"kpi": ([kpi, "lsp"], kpi_folder), "tombi": ([tombi, "lsp", "--offline"], toml_folder),
                                      "tombi_schema": ([tombi, "lsp", "--offline"], schema_folder)}, options.startups)
        run["startup_runs"] = options.startups
        run["check_ms"], run["lint_ms"], run["lint_schema_ms"] = batch(
            [([kpi, "check", "."], kpi_folder), ([tombi, "lint", "--offline", "."], toml_folder),
             ([tombi, "lint", "--offline", "."], schema_folder)])
        run["parse"] = parse_timing(kpi, kpi_folder)
        results["runs"][str(size)] = run
    results["total_seconds"] = round(now() - started, 1)
    text = table(results)
    header = (f"machine: {results['machine']['nproc']} cores, {results['machine']['memory']}, {results['machine']['cpu']};"
              f" {results['machine']['swift']}; {tombi_version}")
    print(header + "\n" + text)
    with open(os.path.join(options.out, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
    with open(os.path.join(options.out, "results.txt"), "w") as f:
        f.write(header + "\n" + text + "\n")
    log(f"done in {results['total_seconds']:.0f} s; wrote {os.path.join(options.out, 'results.json')}")


if __name__ == "__main__":
    main()

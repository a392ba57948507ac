#!/usr/bin/env python3
"""Load test for `kpi lsp`: N requests pipelined without waiting — hover, completion, definition,
documentSymbol, semanticTokens, didChange (random incremental edits with €, — and emoji in UTF-16
positions), plus formatting, rename and code actions — with `$/cancelRequest` mixed in. Checks:

  - every request gets exactly one response; no response for an id that was never sent;
  - errors only -32800 (RequestCancelled), and only for ids that were cancelled;
  - responses come in the order the requests were sent (the server handles messages in order);
  - published diagnostics never go back to an older version, and the last one is for the final text;
  - the final text the server holds is the one the client holds (compared with a fresh server);
  - VmRSS (from /proc/PID/status) is back within 12 MB of where it started once the burst is answered, and
    never 48 MB above it;
  - the workspace folder's files are unchanged (mtime and contents): the server never writes.

usage: load.py --kpi PATH [--requests 10000] [--seed 1]   (prints a RESULT line for run.sh)
"""

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp import Client, ServerDied, Timeout, encode, frame, vm_rss_kb  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def utf16_len(text):
    return len(text.encode("utf-16-le")) // 2


def utf16_to_index(line, units):
    """The str index of a UTF-16 column in a line (snapped to a code point)."""
    count = 0
    for index, ch in enumerate(line):
        width = 2 if ord(ch) > 0xFFFF else 1
        if count + width > units:
            return index
        count += width
    return len(line)


class Document:
    """The client's copy of the text, edited with LSP ranges in UTF-16 units."""

    def __init__(self, text):
        self.text = text

    def lines(self):
        return self.text.split("\n")

    def offset(self, line, character):
        lines = self.lines()
        if line >= len(lines):
            return len(self.text)
        start = sum(len(l) + 1 for l in lines[:line])
        return start + utf16_to_index(lines[line], character)

    def apply(self, start, end, new):
        a, b = self.offset(*start), self.offset(*end)
        self.text = self.text[:a] + new + self.text[b:]

    def random_position(self, rng):
        lines = self.lines()
        line = rng.randrange(len(lines))
        # A code point boundary, in UTF-16 units, sometimes just past the end of the line.
        index = rng.randrange(len(lines[line]) + 1)
        units = utf16_len(lines[line][:index])
        return line, units + (rng.randrange(3) if rng.random() < 0.05 else 0)

    def random_edit(self, rng):
        lines = self.lines()
        line = rng.randrange(len(lines))
        text = lines[line]
        a = rng.randrange(len(text) + 1)
        b = min(len(text), a + rng.randrange(4)) if rng.random() < 0.4 else a
        start = (line, utf16_len(text[:a]))
        end = (line, utf16_len(text[:b]))
        new = rng.choice(["€", "—", "🚀", "x", "1", " ", "%", "# note €—🚀", "👩‍💼", ""])
        return start, end, new


def snapshot(folder):
    """mtime and a hash of every file under folder."""
    result = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                result[path] = (os.stat(path).st_mtime_ns, hashlib.sha256(f.read()).hexdigest())
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kpi", required=True)
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=400.0)
    args = parser.parse_args()
    kpi = os.path.abspath(args.kpi)
    rng = random.Random(args.seed)
    os.environ["SWIFT_BACKTRACE"] = "enable=no"

    base = tempfile.mkdtemp(prefix="kpi-load-")
    ws = os.path.join(base, "ws")
    shutil.copytree(os.path.join(ROOT, "examples"), ws)
    before = snapshot(ws)
    failures = []

    def fail(message):
        failures.append(message)
        print("  FAIL  " + message, flush=True)

    path = os.path.join(ws, "acme.kpi")
    uri = "file://" + path
    with open(path, encoding="utf-8") as f:
        document = Document(f.read())
    client = Client(kpi, ws, stderr_path=os.path.join(base, "lsp.stderr"))
    pid = client.pid
    client.diagnostics(uri, timeout=60)           # indexed
    version = 1
    client.open(uri, document.text, version)
    client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}}, timeout=60)
    # Warm up (lazily built tables, allocator pools), then take the starting figure.
    for _ in range(50):
        line, character = document.random_position(rng)
        client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
    time.sleep(0.5)
    rss_start = vm_rss_kb(pid)

    # Build the burst.
    kinds = ["hover"] * 20 + ["completion"] * 15 + ["definition"] * 12 + ["documentSymbol"] * 10 + ["semanticTokens"] * 10 + \
        ["didChange"] * 20 + ["formatting"] * 3 + ["rename"] * 2 + ["codeAction"] * 3 + ["inlayHint"] * 2 + ["references"] * 3
    messages = []
    request_ids = []        # in the order sent
    cancelled = set()
    renames = set()         # a rename may be refused (-32803) when an edit has mangled the id
    cancel_unknown = 0
    first_id = client.next_id + 100000
    next_id = first_id
    sent_requests = 0
    while sent_requests < args.requests:
        kind = rng.choice(kinds)
        text_doc = {"textDocument": {"uri": uri}}
        if kind == "didChange":
            start, end, new = document.random_edit(rng)
            document.apply(start, end, new)
            version += 1
            messages.append({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": start[0], "character": start[1]},
                                              "end": {"line": end[0], "character": end[1]}}, "text": new}]}})
            sent_requests += 1
            continue
        line, character = document.random_position(rng)
        if kind == "rename":   # on a KPI id (`kpi ID` lines), which the edits may have mangled
            ids = [n for n, l in enumerate(document.lines()) if l.startswith("kpi ")]
            line, character = (rng.choice(ids), 5) if ids else (line, character)
        position = {"line": line, "character": character}
        method, params = {
            "hover": ("textDocument/hover", dict(text_doc, position=position)),
            "completion": ("textDocument/completion", dict(text_doc, position=position)),
            "definition": ("textDocument/definition", dict(text_doc, position=position)),
            "references": ("textDocument/references", dict(text_doc, position=position, context={"includeDeclaration": True})),
            "documentSymbol": ("textDocument/documentSymbol", text_doc),
            "semanticTokens": ("textDocument/semanticTokens/full", text_doc),
            "formatting": ("textDocument/formatting", dict(text_doc, options={"tabSize": 2, "insertSpaces": True})),
            "rename": ("textDocument/rename", dict(text_doc, position=position, newName="renamed-kpi")),
            "codeAction": ("textDocument/codeAction", dict(text_doc, range={"start": position, "end": position},
                                                           context={"diagnostics": []})),
            "inlayHint": ("textDocument/inlayHint", dict(text_doc, range={"start": {"line": 0, "character": 0},
                                                                           "end": {"line": 10000, "character": 0}})),
        }[kind]
        id = next_id if rng.random() < 0.8 else "load-%d" % next_id
        next_id += 1
        messages.append({"jsonrpc": "2.0", "id": id, "method": method, "params": params})
        request_ids.append(id)
        if kind == "rename":
            renames.add(json.dumps(id))
        sent_requests += 1
        # $/cancelRequest: right after the request, for one a little earlier, or for an id never sent.
        roll = rng.random()
        if roll < 0.05:
            target = request_ids[-1] if rng.random() < 0.5 else rng.choice(request_ids[-20:])
            cancelled.add(json.dumps(target))
            messages.append({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": target}})
        elif roll < 0.055:
            cancel_unknown += 1
            messages.append({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": "never-sent-%d" % next_id}})
    blob = b"".join(frame(encode(m)) for m in messages)
    notifications_before = len(client.notifications)

    # Send everything at once on a thread (the reader drains the answers meanwhile), sampling VmRSS.
    rss_peak = rss_start or 0
    started = time.monotonic()
    writer = threading.Thread(target=lambda: client.send_raw(blob), daemon=True)
    writer.start()
    expected = {json.dumps(i) for i in request_ids}
    deadline = started + args.timeout
    while time.monotonic() < deadline:
        with client.lock:
            done = sum(1 for k in expected if k in client.responses)
        rss = vm_rss_kb(pid)
        if rss:
            rss_peak = max(rss_peak, rss)
        if done == len(expected) or not client.alive():
            break
        time.sleep(0.1)
    elapsed = time.monotonic() - started
    writer.join(5)
    time.sleep(1.5)   # diagnostics are published once the queue is empty
    rss_end = vm_rss_kb(pid)

    # Exactly one response per request, errors only for cancelled ids, in order.
    crashed = not client.alive()
    with client.lock:
        responses = dict(client.responses)
        order = list(client.response_order)
        notifications = client.notifications[notifications_before:]
    lost = [i for i in request_ids if json.dumps(i) not in responses]
    duplicates = [k for k, v in responses.items() if len(v) > 1]
    strangers = [k for k in responses if k not in expected and not (k.isdigit() and int(k) < first_id)]
    cancelled_answers = 0
    refused_renames = 0
    bad_errors = []
    for id in request_ids:
        key = json.dumps(id)
        if key not in responses:
            continue
        response = responses[key][0]
        if "error" in response:
            code = response["error"].get("code")
            if code == -32800 and key in cancelled:
                cancelled_answers += 1
            elif code == -32803 and key in renames:
                refused_renames += 1
            else:
                bad_errors.append((id, response["error"]))
    burst_order = [json.dumps(i) for i in order if json.dumps(i) in expected]
    in_order = burst_order == [json.dumps(i) for i in request_ids if json.dumps(i) in responses]

    # Published diagnostics: versions only go up, and the last one is for the final version.
    versions = [p.get("version") for m, p in notifications if m == "textDocument/publishDiagnostics" and p["uri"] == uri]
    monotonic = all(a is None or b is None or a <= b for a, b in zip(versions, versions[1:]))

    # The server's text is the client's: its document symbols and diagnostics equal a fresh server's.
    final_symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}}, timeout=60).get("result")
    final_tokens = client.request("textDocument/semanticTokens/full", {"textDocument": {"uri": uri}}, timeout=60).get("result", {})
    status = client.shutdown(timeout=60)
    fresh = Client(kpi, None, stderr_path=os.path.join(base, "fresh.stderr"))
    fresh.open(uri, document.text, version)
    fresh_symbols = fresh.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}}, timeout=60).get("result")
    fresh_tokens = fresh.request("textDocument/semanticTokens/full", {"textDocument": {"uri": uri}}, timeout=60).get("result", {})
    fresh.shutdown()

    after = snapshot(ws)
    with open(os.path.join(base, "lsp.stderr"), "rb") as f:
        log = f.read()

    print("load: %d messages (%d requests, %d didChange, %d cancels of which %d for ids never sent) in %.1fs" % (
        len(messages), len(request_ids), args.requests - len(request_ids), len(cancelled) + cancel_unknown, cancel_unknown, elapsed))
    print("load: %d responses, %d cancelled (-32800), %d renames refused (-32803), %d lost, %d duplicated, %d other errors; in order: %s" % (
        sum(len(v) for k, v in responses.items() if k in expected), cancelled_answers, refused_renames, len(lost), len(duplicates),
        len(bad_errors), in_order))
    print("load: VmRSS start %.1f MB, peak %.1f MB, end %.1f MB" % ((rss_start or 0) / 1024, rss_peak / 1024, (rss_end or 0) / 1024))
    if crashed:
        fail("the server died during the burst (exit status %s)" % client.proc.poll())
    if lost:
        fail("%d requests never answered, e.g. %s" % (len(lost), lost[:5]))
    if duplicates:
        fail("%d requests answered more than once, e.g. %s" % (len(duplicates), duplicates[:5]))
    if strangers:
        fail("responses for ids never sent: %s" % strangers[:5])
    if bad_errors:
        fail("%d unexpected errors, e.g. %s" % (len(bad_errors), bad_errors[:3]))
    if not in_order:
        fail("responses did not come in the order of the requests")
    if not monotonic:
        fail("published diagnostics went back to an older version: %s" % versions[-20:])
    if versions and versions[-1] != version:
        fail("the last diagnostics published were for version %s, the final version is %d" % (versions[-1], version))
    if final_symbols != fresh_symbols or final_tokens.get("data") != fresh_tokens.get("data"):
        fail("after the burst the server's document differs from the client's text (symbols or tokens differ from a fresh server's)")
    if status != 0:
        fail("shutdown/exit gave status %s" % status)
    # Tight: the burst's answers and edits must not stay in memory (measured: +4 MB at the end, +4 MB at the peak).
    if not rss_start or not rss_end:
        fail("VmRSS could not be read (no /proc here?)")
    elif rss_end > rss_start + 12 * 1024:
        fail("memory did not come back: VmRSS %d kB at the start, %d kB after the burst" % (rss_start, rss_end))
    if rss_start and rss_peak > rss_start + 48 * 1024:
        fail("memory grew during the burst: VmRSS %d kB at the start, %d kB at the peak" % (rss_start, rss_peak))
    changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
    if changed:
        fail("the workspace changed on disk during the session (the server must never write): %s" % changed)
    else:
        print("load: the workspace's %d files are unchanged (mtime and contents) after formatting, rename and code actions" % len(before))
    # Logs never carry file contents: no line of a plan (of some length) appears in the server's stderr.
    leaked = [l for l in document.text.split("\n") + open(os.path.join(ROOT, "examples", "acme.kpi"), encoding="utf-8").read().split("\n")
              if len(l.strip()) >= 12 and l.strip().encode() in log]
    if leaked:
        fail("the server's log carries file contents, e.g. %r" % leaked[:2])
    shutil.rmtree(base, ignore_errors=True)
    print("RESULT " + json.dumps({"requests": len(request_ids), "messages": len(messages), "answered": len(request_ids) - len(lost),
                                  "lost": len(lost), "duplicates": len(duplicates), "cancelled": cancelled_answers,
                                  "crashes": int(crashed), "hangs": int(bool(lost) and not crashed),
                                  "rss_start_kb": rss_start, "rss_peak_kb": rss_peak, "rss_end_kb": rss_end,
                                  "seconds": round(elapsed, 1), "failed": len(failures), "passed": 12 - len(failures)}))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())

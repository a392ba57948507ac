#!/usr/bin/env python3
"""Bad input for `kpi lsp` and the `kpi` command line: every input must get a clear answer (an LSP
error, a log message or a diagnostic; for the CLI a message and exit status 1 or 2), never a crash
or a hang, and the server must go on answering (a hover after each case).

usage: bad_input.py --kpi PATH [--quick]      (prints a RESULT line with the counts for run.sh)
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp import Client, ServerDied, Timeout, encode, frame  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CRASH_MARKERS = ("Fatal error", "Program crashed", "Backtrace", "Stack dump", "Thread 0", "Segmentation fault",
                 "Illegal instruction", "Assertion failed", "SIGSEGV", "SIGILL", "SIGABRT")

# MARK: - Results


class Results:
    def __init__(self):
        self.inputs = 0
        self.crashes = 0
        self.hangs = 0
        self.lost = 0
        self.passed = 0
        self.failed = 0
        self.skipped = []
        self.failures = []

    def ok(self, name):
        self.passed += 1
        print("  ok    %s" % name, flush=True)

    def fail(self, name, why):
        self.failed += 1
        self.failures.append((name, why))
        print("  FAIL  %s: %s" % (name, why), flush=True)

    def skip(self, name, why):
        self.skipped.append((name, why))
        print("  skip  %s: %s" % (name, why), flush=True)


R = Results()


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


# MARK: - The workspace


MAIN_TEXT = open(os.path.join(ROOT, "examples", "acme.kpi"), encoding="utf-8").read()
EMOJI_TEXT = 'plan "Unicode €"\n  currency: EUR\nkpi eur "Grow — 🚀 revenue"\n  top-level\n  owner: Zoë 👩‍💼\n  baseline: €100K at 2026-12-31\n  target: +20% by FY2027\n  actions:\n    - Ship 🚀 — fast\n'


def write(path, data, mode=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    if mode is not None:
        os.chmod(path, mode)


def big_plan(size):
    """A plan of about `size` bytes: KPI blocks with long action lines and comments, one syntax error at the end."""
    rng = random.Random(7)
    words = "raise prices grow the pipeline ship faster hire more engineers reduce churn €5 — 🚀 naïve".split()
    action = "    - " + " ".join(rng.choice(words) for _ in range(150)) + "\n"
    comment = "  # " + " ".join(rng.choice(words) for _ in range(150)) + "\n"
    parts = ['plan "Big"\n  as-of: 2027-07-15\n',
             'kpi root "Root"\n  top-level\n  owner: CEO\n  metric: MRR\n  baseline: $100K at 2026-12-31\n  target: +10% by FY2027\n  actions:\n    - Grow\n\n']
    total = sum(len(p) for p in parts)
    i = 0
    while total < size:
        block = ('kpi k%d "KPI number %d"\n  parent: root\n  owner: Someone\n  baseline: $1K at 2026-12-31\n'
                 '  target: +10%% by FY2027\n  actions:\n' % (i, i)) + action * 10 + comment * 10 + "\n"
        parts.append(block)
        total += len(block.encode("utf-8"))
        i += 1
    parts.append("this line is a syntax error\n")
    return "".join(parts)


def deep_plan(levels):
    return "kpi deep\n  top-level\n" + "".join(" " * (d + 2) + "x%d: 1\n" % d for d in range(levels))


def parent_cycle(n):
    return "".join("kpi c%d\n  parent: c%d\n  owner: me\n" % (i, (i + 1) % n) for i in range(n))


def make_workspace(base):
    ws = os.path.join(base, "ws")
    os.makedirs(ws)
    write(os.path.join(ws, "main.kpi"), MAIN_TEXT)
    write(os.path.join(ws, "cycle-a.kpi"), 'use "cycle-b.kpi"\nkpi a\n  top-level\n  owner: me\n')
    write(os.path.join(ws, "cycle-b.kpi"), 'use "cycle-a.kpi"\nkpi b\n  parent: a\n  owner: me\n')
    os.makedirs(os.path.join(ws, "folder"))
    write(os.path.join(ws, "folder", "inner.kpi"), "kpi inner\n  top-level\n")
    write(os.path.join(ws, "folder-use.kpi"), 'use "folder"\nkpi f\n  top-level\n  owner: me\n')
    write(os.path.join(ws, "missing-use.kpi"), 'use "does-not-exist.kpi"\nkpi m\n  top-level\n  owner: me\n')
    write(os.path.join(ws, "secret.kpi"), "kpi secret\n  top-level\n", mode=0o000)
    write(os.path.join(ws, "unreadable-use.kpi"), 'use "secret.kpi"\nkpi u\n  top-level\n  owner: me\n')
    os.symlink("loop2.kpi", os.path.join(ws, "loop1.kpi"))
    os.symlink("loop1.kpi", os.path.join(ws, "loop2.kpi"))
    write(os.path.join(ws, "loop-use.kpi"), 'use "loop1.kpi"\nkpi l\n  top-level\n  owner: me\n')
    os.makedirs(os.path.join(ws, "dirloop"))
    os.symlink("..", os.path.join(ws, "dirloop", "up"))           # a folder symlink loop for the indexer
    os.symlink("self", os.path.join(ws, "dirloop", "self"))       # a symlink to itself
    os.mkfifo(os.path.join(ws, "fifo.kpi"))                        # a FIFO would block a plain read forever
    write(os.path.join(ws, "device-use.kpi"), 'use "/dev/zero"\nkpi z\n  top-level\n  owner: me\n')
    write(os.path.join(ws, "fifo-use.kpi"), 'use "fifo.kpi"\nkpi q\n  top-level\n  owner: me\n')
    write(os.path.join(ws, "nul.kpi"), b"plan \"N\x00ul\"\nkpi a\x00b\n  top-level\n  owner: \x00\n\x00\x00 stray\n")
    write(os.path.join(ws, "invalid-utf8.kpi"), b"plan \"\xff\xfe\"\nkpi caf\xc3\n  top-level\n  owner: \xe2\x82\n\xc0\xaf stray \xed\xa0\x80\n"
          # quoted parts of several-word values: their text is longer than their bytes
          b"kpi q \"\xff\xff\xff\"\n  top-level\n  owner: \"\xff\xff\xff\xff\xff\xff\" team \"\xfe\xfe\xfe\"\n  actions:\n    - do \"\xff\xff\xff\xff\" now\n")
    write(os.path.join(ws, "parent-cycle.kpi"), parent_cycle(10000))
    write(os.path.join(ws, "emoji.kpi"), EMOJI_TEXT)
    return ws


# MARK: - The server session


class Session:
    """The server under test; restarted when a case kills it (which counts as a crash)."""

    def __init__(self, kpi, ws, logdir):
        self.kpi, self.ws, self.logdir = kpi, ws, logdir
        self.count = 0
        self.client = None
        self.start()

    def start(self):
        self.count += 1
        self.stderr = os.path.join(self.logdir, "lsp-%d.stderr" % self.count)
        # Pull diagnostics declared (answers reflect every change sent before them); published ones still come.
        self.client = Client(self.kpi, self.ws, stderr_path=self.stderr, capabilities={"textDocument": {"diagnostic": {}}})
        self.main_uri = "file://" + os.path.join(self.ws, "main.kpi")
        # The workspace is indexed on `initialized`: wait for main.kpi's diagnostics.
        self.client.diagnostics(self.main_uri, timeout=60)

    def crash_report(self):
        """The lines of the server's stderr about a crash (the error and the crashed thread's frames)."""
        lines = self.stderr_text().splitlines()
        keep = [l for l in lines if "Fatal error" in l or "Program crashed" in l]
        for i, l in enumerate(lines):
            if "crashed:" in l:
                keep += lines[i:i + 40]
                break
        return "\n".join(keep) or "\n".join(lines[-30:])

    def stderr_text(self):
        try:
            with open(self.stderr, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def hover_main(self, timeout=30.0):
        """The liveness probe: a hover on `kpi mrr` in main.kpi must answer with content."""
        line = MAIN_TEXT.split("\n").index(next(l for l in MAIN_TEXT.split("\n") if l.startswith("kpi mrr")))
        response = self.client.request("textDocument/hover", {"textDocument": {"uri": self.main_uri},
                                                              "position": {"line": line, "character": 5}}, timeout)
        expect("result" in response and response["result"] and "mrr" in json.dumps(response["result"]),
               "the hover after the bad input did not answer with mrr's content: %s" % json.dumps(response)[:300])


def run_case(session, name, body, inputs=1, alive_timeout=30.0):
    """Runs one bad-input case, then checks the server is alive and answers a hover."""
    R.inputs += inputs
    started = time.monotonic()
    try:
        body(session.client)
        session.hover_main(alive_timeout)
        text = session.stderr_text()
        marker = next((m for m in CRASH_MARKERS if m in text), None)
        expect(marker is None, "the server's stderr shows a crash (%s)" % marker)
        elapsed = time.monotonic() - started
        R.ok(name + (" (%.1fs)" % elapsed if elapsed > 1 else ""))
    except ServerDied as error:
        R.crashes += 1
        R.fail(name, "CRASH: %s\n%s" % (error, session.crash_report()))
        session.start()
    except Timeout as error:
        if session.client.alive():
            R.hangs += 1
            R.fail(name, "HANG: %s" % error)
        else:
            R.crashes += 1
            R.fail(name, "CRASH: %s\n%s" % (error, session.crash_report()))
        session.client.kill()
        session.start()
    except CheckFailed as error:
        R.fail(name, str(error))
    except Exception as error:  # a bug in this script counts as a failed check, with its trace
        R.fail(name, "test error: %r\n%s" % (error, traceback.format_exc()))


# MARK: - Helpers for cases


def raw(data):
    return lambda c: c.send_raw(data)


def expect_null_errors(code, count=1):
    """A case that sends bytes and expects `count` error responses with id null and `code`."""
    def check(c, data):
        _, since = c.mark()
        c.send_raw(data)
        errors = c.wait_null_errors(count, since)
        codes = [e.get("error", {}).get("code") for e in errors]
        expect(all(x == code for x in codes), "expected error code %d, got %s" % (code, codes))
    return check


def error_response(c, body_bytes, id, codes):
    c.send_raw(frame(body_bytes))
    response = c.wait_response(id)
    got = response.get("error", {}).get("code")
    expect(got in codes, "expected error %s, got %s" % (codes, json.dumps(response)[:300]))


def invalid_request(c, body_bytes, codes=(-32600,)):
    """Bodies that are JSON but not a usable request: an error with id null (or the body's id)."""
    _, since = c.mark()
    c.send_raw(frame(body_bytes))
    errors = c.wait_null_errors(1, since)
    got = errors[0].get("error", {}).get("code")
    expect(got in codes, "expected %s, got %s" % (codes, json.dumps(errors[0])[:300]))


def request_error(c, method, params, codes, include_params=True):
    id = c.new_id()
    message = {"jsonrpc": "2.0", "id": id, "method": method}
    if include_params:
        message["params"] = params
    c.send(message)
    response = c.wait_response(id)
    got = response.get("error", {}).get("code")
    expect(got in codes, "%s: expected error %s, got %s" % (method, codes, json.dumps(response)[:300]))


def answered(c, method, params, allow_errors=(-32602, -32803, -32600)):
    """Any answer will do (a result, or an error with one of `allow_errors`), as long as there is one."""
    response = c.request(method, params)
    if "error" in response:
        expect(response["error"].get("code") in allow_errors, "%s: unexpected error %s" % (method, json.dumps(response)[:300]))
    return response


def expect_log(c, since, kind, words, timeout=20.0):
    def match(method, params):
        return method == "window/logMessage" and params.get("type") <= kind and all(w in params.get("message", "") for w in words)
    c.wait_for(match, timeout, since)


def pos(line, character):
    return {"line": line, "character": character}


def rng(a, b, c, d):
    return {"start": pos(a, b), "end": pos(c, d)}


def pull(c, uri, timeout=60.0):
    """The document's diagnostics now, for the text the server has (a pull request is answered in
    order, after every change sent before it). Published diagnostics are only sent when they change."""
    response = c.request("textDocument/diagnostic", {"textDocument": {"uri": uri}}, timeout)
    expect("result" in response, "textDocument/diagnostic failed: %s" % json.dumps(response)[:300])
    return response["result"].get("items", [])


def codes_of(diagnostics):
    return [d.get("code") for d in diagnostics]


def doc(uri):
    return {"textDocument": {"uri": uri}}


# MARK: - LSP cases


def lsp_cases(session, quick):
    ws = session.ws
    main = session.main_uri
    print("== framing", flush=True)
    framing = [
        ("Content-Length not a number", b"Content-Length: abc\r\n\r\n{}"),
        ("Content-Length negative", b"Content-Length: -5\r\n\r\n"),
        ("Content-Length empty", b"Content-Length:\r\n\r\n"),
        ("Content-Length 20 digits", b"Content-Length: 99999999999999999999\r\n\r\n"),
        ("Content-Length over the limit", b"Content-Length: 300000000\r\n\r\n"),
        ("Content-Length with a fraction", b"Content-Length: 2.5\r\n\r\n{}"),
        ("Content-Length with hex", b"Content-Length: 0x10\r\n\r\n{}"),
        ("no Content-Length", b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"),
        ("header line without colon", b"this is not a header\r\n\r\n"),
        ("two different Content-Lengths", b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}"),
        ("header block of 20 KB", b"X-Padding: " + b"A" * 20000 + b"\r\n\r\n"),
        ("binary junk before a header", bytes(range(256)) + b"\r\n\r\n"),
        ("NUL bytes in the header", b"Content-\x00Length: 2\r\n\r\n{}"),
    ]
    for name, data in framing:
        run_case(session, "framing: " + name, lambda c, d=data: expect_null_errors(-32700)(c, d))

    def short_length(c):
        # The length covers only part of the body: the rest is junk that must be skipped, and the
        # `shutdown` inside it must not run.
        _, since = c.mark()
        c.send_raw(b"Content-Length: 5\r\n\r\n" + encode({"jsonrpc": "2.0", "id": 424242, "method": "shutdown"}))
        c.wait_null_errors(1, since)
        time.sleep(0.3)
        expect(json.dumps(424242) not in c.responses, "the cut-off shutdown request was answered")
    run_case(session, "framing: Content-Length shorter than the body", short_length)
    run_case(session, "framing: Content-Length 0", lambda c: expect_null_errors(-32700)(c, b"Content-Length: 0\r\n\r\n"))
    def lower_case(c):
        body = b'{"jsonrpc":"2.0","id":5151,"method":"no/such"}'
        c.send_raw(b"content-length: %d\r\n\r\n" % len(body) + body)
        response = c.wait_response(5151)
        expect(response.get("error", {}).get("code") == -32601, "expected -32601: %s" % response)
    run_case(session, "framing: a lower-case header name is read", lower_case)

    print("== bodies that are not JSON", flush=True)
    not_json = [
        ("plain text", b"hello"),
        ("an unfinished object", b'{"jsonrpc":"2.0","id":1,'),
        ("invalid UTF-8 and NUL", b"\xff\xfe\x00\x00garbage\xc0\xaf"),
        ("100,000 nested arrays", b"[" * 100000),
        ("100,000 nested objects", b'{"a":' * 100000),
        ("trailing junk after the object", b'{"jsonrpc":"2.0","id":9,"method":"shutdown"} trailing'),
        ("a number too big", b'{"jsonrpc":"2.0","id":1e999999,"method":"x"}'),
        ("single quotes", b"{'jsonrpc':'2.0'}"),
        ("a BOM before the JSON", b'\xef\xbb\xbf{"jsonrpc":"2.0","id":3,"method":"shutdown"}'),
        ("a raw newline in a string", b'{"jsonrpc":"2.0","method":"a\nb"}'),
        ("an unfinished escape", b'{"jsonrpc":"2.0","method":"\\u12"}'),
    ]
    for name, data in not_json:
        run_case(session, "not JSON: " + name, lambda c, d=data: expect_null_errors(-32700)(c, frame(d)))
    run_case(session, "not JSON: invalid UTF-8 inside a string", _utf8_in_string)

    print("== JSON that is not a request", flush=True)
    not_request = [
        ("a number", b"42"), ("an array", b"[]"), ("a string", b'"hello"'), ("null", b"null"), ("an empty object", b"{}"),
        ("id is an object", b'{"jsonrpc":"2.0","id":{},"method":"textDocument/hover"}'),
        ("id is a fraction", b'{"jsonrpc":"2.0","id":1.5,"method":"textDocument/hover"}'),
        ("id is null", b'{"jsonrpc":"2.0","id":null,"method":"textDocument/hover"}'),
        ("a batch", b'[{"jsonrpc":"2.0","id":7,"method":"shutdown"}]'),
        ("result and error", b'{"jsonrpc":"2.0","id":null,"result":1,"error":{"code":1,"message":"x"}}'),
    ]
    for name, data in not_request:
        run_case(session, "not a request: " + name, lambda c, d=data: invalid_request(c, d))
    with_id = [
        ("jsonrpc 1.0", b'{"jsonrpc":"1.0","id":6001,"method":"textDocument/hover"}', 6001),
        ("method is a number", b'{"jsonrpc":"2.0","id":6002,"method":5}', 6002),
        ("params is a number", b'{"jsonrpc":"2.0","id":6003,"method":"textDocument/hover","params":7}', 6003),
        ("params is a string", b'{"jsonrpc":"2.0","id":"s-6004","method":"textDocument/hover","params":"x"}', "s-6004"),
        ("no method, no result", b'{"jsonrpc":"2.0","id":6005}', 6005),
        ("malformed error object", b'{"jsonrpc":"2.0","id":6006,"error":"bad"}', 6006),
    ]
    for name, data, id in with_id:
        run_case(session, "not a request: " + name, lambda c, d=data, i=id: error_response(c, d, i, (-32600,)))
    run_case(session, "unknown method", lambda c: request_error(c, "kpi/doesNotExist", {}, (-32601,)))
    run_case(session, "unknown notification (no answer allowed)", lambda c: c.notify("kpi/unknownNotification", {"x": 1}))
    run_case(session, "a response to nothing (no answer allowed)", lambda c: c.send({"jsonrpc": "2.0", "id": 987654, "result": None}))
    run_case(session, "an error response to nothing", lambda c: c.send({"jsonrpc": "2.0", "id": "nope", "error": {"code": -1, "message": "x"}}))
    run_case(session, "a second initialize", lambda c: answered(c, "initialize", {"capabilities": {}}, allow_errors=(-32600, -32602, -32002)))

    print("== wrong parameter types", flush=True)
    hover = "textDocument/hover"
    wrong = [
        (hover, {"textDocument": 5, "position": pos(0, 0)}),
        (hover, {"textDocument": {"uri": main}, "position": {"line": "zero", "character": 0}}),
        (hover, {"textDocument": {"uri": main}}),
        (hover, {"textDocument": {"uri": main}, "position": {"line": 1e300, "character": 0}}),
        (hover, {"textDocument": {"uri": main}, "position": {"line": 1.5, "character": 0}}),
        (hover, {"textDocument": {"uri": main}, "position": {"line": True, "character": None}}),
        (hover, {"textDocument": {"uri": None}, "position": pos(0, 0)}),
        ("textDocument/completion", []),
        ("textDocument/completion", ["a", 1]),
        ("textDocument/definition", {"textDocument": {"uri": main}, "position": [1, 2]}),
        ("textDocument/references", {"textDocument": {"uri": main}, "position": pos(0, 0), "context": 3}),
        ("textDocument/rename", {"textDocument": {"uri": main}, "position": pos(8, 5), "newName": 42}),
        ("textDocument/codeAction", {"textDocument": {"uri": main}, "context": {"diagnostics": []}}),
        ("textDocument/codeAction", {"textDocument": {"uri": main}, "range": rng(0, 0, 1, 0), "context": {"diagnostics": "x"}}),
        ("textDocument/semanticTokens/range", {"textDocument": {"uri": 7}, "range": rng(0, 0, 1, 0)}),
        ("textDocument/documentSymbol", {}),
        ("textDocument/formatting", {"textDocument": {"uri": main}, "options": "tabs"}),
        ("textDocument/foldingRange", {"textDocument": "file:///x"}),
        ("workspace/symbol", {"query": 5}),
        ("textDocument/inlayHint", {"textDocument": {"uri": main}, "range": {"start": 0, "end": 1}}),
        ("typeHierarchy/supertypes", {"item": "x"}),
        ("textDocument/diagnostic", {"textDocument": {"uri": {"nested": True}}}),
    ]
    for method, params in wrong:
        run_case(session, "wrong params: %s %s" % (method, json.dumps(params)[:70]),
                 lambda c, m=method, p=params: request_error(c, m, p, (-32602,)))
    def big_wrong_value(c):
        id = c.send_request("textDocument/hover", {"textDocument": {"uri": main}, "position": "€" * 500000})
        response = c.wait_response(id)
        expect(response.get("error", {}).get("code") == -32602, "expected -32602: %s" % json.dumps(response)[:200])
        expect(len(response["error"]["message"]) < 2000, "the error echoes the 1.5 MB value back (%d characters)" % len(response["error"]["message"]))
    run_case(session, "wrong params: a 1.5 MB string where a position belongs", big_wrong_value)
    run_case(session, "wrong params: documentSymbol without params",
             lambda c: request_error(c, "textDocument/documentSymbol", None, (-32602,), include_params=False))

    def bad_notification(method, params, words):
        def body(c):
            since, _ = c.mark()
            c.notify(method, params)
            expect_log(c, since, 1, words)
        return body
    run_case(session, "wrong params: didOpen with a number for the document",
             bad_notification("textDocument/didOpen", {"textDocument": 5}, ["textDocument/didOpen"]))
    run_case(session, "wrong params: didChange with a string for the changes",
             bad_notification("textDocument/didChange", {"textDocument": {"uri": main, "version": 3}, "contentChanges": "x"},
                              ["textDocument/didChange"]))
    run_case(session, "wrong params: didClose without a document",
             bad_notification("textDocument/didClose", {}, ["textDocument/didClose"]))

    print("== positions past the end", flush=True)
    far = [pos(999999, 0), pos(0, 999999), pos(999999, 999999), pos(-1, -1), pos(2**53, 2**53), pos(3, -5)]
    methods = ["textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/documentHighlight",
               "textDocument/prepareRename", "textDocument/prepareTypeHierarchy"]
    for p in far:
        for method in methods:
            run_case(session, "position %s: %s" % (json.dumps(p), method),
                     lambda c, m=method, p=p: answered(c, m, {"textDocument": {"uri": main}, "position": p}))
        run_case(session, "position %s: references" % json.dumps(p),
                 lambda c, p=p: answered(c, "textDocument/references", {"textDocument": {"uri": main}, "position": p,
                                                                         "context": {"includeDeclaration": True}}))
        run_case(session, "position %s: rename" % json.dumps(p),
                 lambda c, p=p: answered(c, "textDocument/rename", {"textDocument": {"uri": main}, "position": p, "newName": "x-y"}))
    far_ranges = [rng(999999, 0, 999999, 10), rng(0, 999999, 2, 999999), rng(50, 0, 2, 0), rng(-3, -3, 2**40, 2**40)]
    for r in far_ranges:
        for method, extra in [("textDocument/rangeFormatting", {"options": {"tabSize": 2, "insertSpaces": True}}),
                              ("textDocument/semanticTokens/range", {}), ("textDocument/inlayHint", {}),
                              ("textDocument/codeAction", {"context": {"diagnostics": []}})]:
            params = dict({"textDocument": {"uri": main}, "range": r}, **extra)
            run_case(session, "range %s: %s" % (json.dumps(r), method), lambda c, m=method, p=params: answered(c, m, p))
    unknown = "file://" + os.path.join(ws, "not-open-anywhere.kpi")
    for method in methods:
        run_case(session, "unknown document: " + method,
                 lambda c, m=method: answered(c, m, {"textDocument": {"uri": unknown}, "position": pos(0, 0)}))
    run_case(session, "unknown document: formatting",
             lambda c: answered(c, "textDocument/formatting", {"textDocument": {"uri": unknown}, "options": {"tabSize": 2, "insertSpaces": True}}))
    run_case(session, "a non-file URI", lambda c: answered(c, "textDocument/hover", {"textDocument": {"uri": "untitled:Untitled-1"}, "position": pos(0, 0)}))
    run_case(session, "a URI with %00 and ..", lambda c: answered(c, "textDocument/hover", {"textDocument": {"uri": "file:///tmp/%00/../../etc/passwd"}, "position": pos(0, 0)}))

    print("== didChange", flush=True)
    doc_uri = "file://" + os.path.join(ws, "edited.kpi")

    def open_edited(c, text=EMOJI_TEXT, version=5):
        c.notify("textDocument/didClose", doc(doc_uri))
        c.open(doc_uri, text, version)
        pull(c, doc_uri)

    def stale(c):
        open_edited(c)
        since, _ = c.mark()
        c.change(doc_uri, 2, [{"range": rng(0, 0, 0, 0), "text": "# stale edit\n"}])
        expect_log(c, since, 2, ["version 2", "not newer"])
        pull(c, doc_uri)
    run_case(session, "didChange with a stale version", stale)

    def symbols(c, uri):
        response = c.request("textDocument/documentSymbol", doc(uri))
        return json.dumps(response.get("result"))

    def out_of_range(c):
        open_edited(c)
        since, _ = c.mark()
        c.change(doc_uri, 6, [{"range": rng(999999, 5, 999999, 9), "text": "\nkpi zz-appended\n  top-level\n"}])
        expect("no-owner" in codes_of(pull(c, doc_uri)), "the KPI appended past the end is not checked")
        expect("zz-appended" in symbols(c, doc_uri), "an edit past the end was not applied at the end")
    run_case(session, "didChange with a range past the end of the file", out_of_range)

    def past_line_end(c):
        open_edited(c)
        since, _ = c.mark()
        c.change(doc_uri, 7, [{"range": rng(2, 999, 2, 5000), "text": " # tail"}])
        pull(c, doc_uri)
    run_case(session, "didChange with a range past the end of a line", past_line_end)

    def reversed_range(c):
        open_edited(c)
        since, _ = c.mark()
        c.change(doc_uri, 8, [{"range": rng(4, 0, 1, 0), "text": ""}])
        pull(c, doc_uri)
    run_case(session, "didChange with the end before the start", reversed_range)

    def inside_surrogate(c):
        open_edited(c)
        since, _ = c.mark()
        line = EMOJI_TEXT.split("\n")[2]
        half = len(line[: line.index("🚀")].encode("utf-16-le")) // 2 + 1   # between the two halves of 🚀
        c.change(doc_uri, 9, [{"range": rng(2, half, 2, half + 1), "text": "x"}, {"range": rng(4, 14, 4, 15), "text": "€"}])
        pull(c, doc_uri)
    run_case(session, "didChange splitting a surrogate pair", inside_surrogate)

    def negative(c):
        open_edited(c)
        since, _ = c.mark()
        c.change(doc_uri, 10, [{"range": rng(-5, -5, -1, -1), "text": "# at the start\n"}])
        pull(c, doc_uri)
    run_case(session, "didChange with negative positions", negative)

    def many_changes(c):
        open_edited(c)
        since, _ = c.mark()
        changes = [{"range": rng(i % 7, i % 13, (i * 3) % 11, i % 5), "text": ["—", "€", "🚀", "\n", "", "kpi ", "\r\n"][i % 7]} for i in range(500)]
        changes.append({"text": EMOJI_TEXT})   # a full replacement at the end
        c.change(doc_uri, 11, changes)
        pull(c, doc_uri)
    run_case(session, "didChange with 500 changes, then a full replacement", many_changes, inputs=501)

    def close_never_opened(c):
        # A didClose for a workspace file that was never opened, handled on its own (the server is idle
        # after it, so it checks the workspace right then), then the file opened.
        uri = "file://" + os.path.join(ws, "never-opened-then-opened.kpi")
        c.notify("textDocument/didClose", doc(uri))
        answered(c, "workspace/symbol", {"query": "x"})
        time.sleep(0.5)
        answered(c, "workspace/symbol", {"query": "x"})
        c.open(uri, EMOJI_TEXT, 1)
        pull(c, uri)
        c.notify("textDocument/didClose", doc(uri))
        answered(c, "workspace/symbol", {"query": "x"})
        time.sleep(0.5)
    run_case(session, "didClose of a document never opened, then didOpen", close_never_opened, inputs=2)

    def not_open(c):
        since, _ = c.mark()
        c.change("file://" + os.path.join(ws, "never-opened.kpi"), 3, [{"range": rng(0, 0, 0, 0), "text": "x"}])
        expect_log(c, since, 2, ["not open"])
    run_case(session, "didChange for a document that is not open", not_open)

    def nul_and_surrogates(c):
        since, _ = c.mark()
        body = b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"' + doc_uri.encode() + \
            b'","languageId":"kpi","version":20,"text":"kpi a\\u0000b\\n  owner: \\ud800 lone \\udc00\\n\\u0000\\u0000\\n  top-level\\n"}}}'
        c.send_raw(frame(body))
        pull(c, doc_uri)
        answered(c, "textDocument/hover", {"textDocument": {"uri": doc_uri}, "position": pos(0, 5)})
        answered(c, "textDocument/semanticTokens/full", doc(doc_uri))
        answered(c, "textDocument/formatting", {"textDocument": {"uri": doc_uri}, "options": {"tabSize": 2, "insertSpaces": True}})
    run_case(session, "NUL bytes and lone surrogates in a document", nul_and_surrogates)

    print("== big and deep documents", flush=True)
    long_uri = "file://" + os.path.join(ws, "long-line.kpi")

    def long_line(c):
        text = 'kpi long "' + "é€😀" * 33334 + '"\n  top-level\n  owner: ' + "x" * 100000 + "\n"
        since, _ = c.mark()
        c.open(long_uri, text)
        expect("no-owner" not in codes_of(pull(c, long_uri)), "the long owner was not read")
        units = len(text.split("\n")[0].encode("utf-16-le")) // 2
        for character in (units // 2, units // 2 + 1, units, units + 10):
            answered(c, "textDocument/hover", {"textDocument": {"uri": long_uri}, "position": pos(0, character)})
            answered(c, "textDocument/completion", {"textDocument": {"uri": long_uri}, "position": pos(2, character)})
        answered(c, "textDocument/semanticTokens/full", doc(long_uri))
        answered(c, "textDocument/formatting", {"textDocument": {"uri": long_uri}, "options": {"tabSize": 2, "insertSpaces": True}})
        since, _ = c.mark()
        c.change(long_uri, 2, [{"range": rng(0, units // 2 + 1, 0, units // 2 + 3), "text": "—"}])   # inside the line's pairs
        pull(c, long_uri)
        c.notify("textDocument/didClose", doc(long_uri))
    run_case(session, "a 100,000-character line", long_line, alive_timeout=60)

    deep_uri = "file://" + os.path.join(ws, "deep.kpi")
    levels = 3000 if quick else 6000

    def deep(c):
        since, _ = c.mark()
        c.open(deep_uri, deep_plan(levels))
        expect("unknown-field" in codes_of(pull(c, deep_uri, timeout=120)), "the deep fields were not checked")
        for method in ("textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/semanticTokens/full"):
            answered(c, method, doc(deep_uri))
        answered(c, "textDocument/formatting", {"textDocument": {"uri": deep_uri}, "options": {"tabSize": 2, "insertSpaces": True}})
        answered(c, "textDocument/hover", {"textDocument": {"uri": deep_uri}, "position": pos(levels, levels)})
        answered(c, "textDocument/completion", {"textDocument": {"uri": deep_uri}, "position": pos(levels, levels + 2)})
        c.notify("textDocument/didClose", doc(deep_uri))
    run_case(session, "indentation %d levels deep" % levels, deep, alive_timeout=120)

    big_uri = "file://" + os.path.join(ws, "big.kpi")
    size = (8 if quick else 50) << 20

    def big(c):
        text = big_plan(size)
        since, _ = c.mark()
        c.open(big_uri, text)
        diagnostics = c.diagnostics(big_uri, since, timeout=240)   # a new document: published
        expect("syntax-error" in codes_of(diagnostics), "the syntax error at the end of the big file was not reported")
        lines = text.count("\n")
        answered(c, "textDocument/hover", {"textDocument": {"uri": big_uri}, "position": pos(lines - 5, 3)})
        since, _ = c.mark()
        # One didChange with 100 changes all over the document: remove the error, then add comments.
        changes = [{"range": rng(lines - 1, 0, lines, 0), "text": ""}]
        changes += [{"range": rng(lines * (100 - i) // 101, 0, lines * (100 - i) // 101, 0), "text": "# note €—🚀\n"} for i in range(100)]
        c.change(big_uri, 2, changes)
        diagnostics = c.diagnostics(big_uri, since, timeout=240)   # changed: published
        expect("syntax-error" not in codes_of(diagnostics), "the syntax error is still reported after it was removed")
        c.notify("textDocument/didClose", doc(big_uri))
    run_case(session, "a %d MB document, then one change of 100 edits" % (size >> 20), big, alive_timeout=240, inputs=2)

    print("== files on disk", flush=True)

    def disk(name, code, words):
        uri = "file://" + os.path.join(ws, name)

        def body(c):
            # The workspace was indexed at start; (re)opening the file re-checks it.
            since, _ = c.mark()
            with open(os.path.join(ws, name), "rb") as f:
                text = f.read().decode("utf-8", "replace")
            c.open(uri, text)
            diagnostics = pull(c, uri)
            found = [d for d in diagnostics if d.get("code") == code]
            expect(found, "%s: no %s diagnostic in %s" % (name, code, codes_of(diagnostics)[:10]))
            expect(all(w in found[0]["message"] for w in words), "%s: the message %r does not say %s" % (name, found[0]["message"], words))
            c.notify("textDocument/didClose", doc(uri))
        return body
    run_case(session, "a `use` cycle", disk("cycle-a.kpi", "use-cycle", ["loop"]))
    run_case(session, "a parent cycle 10,000 long", disk("parent-cycle.kpi", "parent-cycle", ["10000 KPIs"]), alive_timeout=60)
    run_case(session, "a `use` of a folder", disk("folder-use.kpi", "unresolved-use", ["folder"]))
    run_case(session, "a `use` of a missing file", disk("missing-use.kpi", "unresolved-use", ["does-not-exist.kpi"]))
    run_case(session, "a `use` of a symlink loop", disk("loop-use.kpi", "unresolved-use", ["loop"]))
    run_case(session, "a `use` of /dev/zero", disk("device-use.kpi", "unresolved-use", ["not a plan file"]))
    run_case(session, "a `use` of a FIFO", disk("fifo-use.kpi", "unresolved-use", ["not a plan file"]))
    run_case(session, "NUL bytes in a file", disk("nul.kpi", "syntax-error", []))
    run_case(session, "invalid UTF-8 in a file", disk("invalid-utf8.kpi", "syntax-error", []))

    def odd_uses(c):
        uri = "file://" + os.path.join(ws, "odd-uses.kpi")
        since, _ = c.mark()
        c.open(uri, 'use ""\nuse "' + "n" * 5000 + '.kpi"\nuse "a\\u0000b.kpi"\nuse "../../../../../../nonexistent/x.kpi"\nuse "/"\n'
               'use "main.kpi/x.kpi"\nkpi o\n  top-level\n  owner: me\n')
        diagnostics = pull(c, uri)
        expect(codes_of(diagnostics).count("unresolved-use") >= 5, "odd uses: %s" % codes_of(diagnostics))
    run_case(session, "`use` of an empty path, a 5,000-character name, a NUL, `/`, a file as a folder", odd_uses, inputs=6)

    def unknown_parents(c):
        uri = "file://" + os.path.join(ws, "unknown-parents.kpi")
        c.open(uri, "kpi mrr\n  top-level\n" + "".join("kpi k%d\n  parent: mrx-%d\n  owner: me\n" % (i, i) for i in range(10000)))
        diagnostics = pull(c, uri, timeout=120)
        expect(codes_of(diagnostics).count("unknown-parent") == 10000, "not every unknown parent was reported")
        c.notify("textDocument/didClose", doc(uri))
    run_case(session, "10,000 KPIs with unknown parents (a did-you-mean each)", unknown_parents, alive_timeout=60)

    def huge_numbers(c):
        uri = "file://" + os.path.join(ws, "huge.kpi")
        digits = "9" * 400
        c.open(uri, 'kpi h\n  top-level\n  owner: me\n  baseline: $%s at 2026-12-31\n  target: +%s%% by 2031\n'
                    '  actions:\n    - x\n  actuals:\n    2027-03-31: %s.%s\n' % (digits, digits, digits, digits))
        diagnostics = pull(c, uri)
        expect("invalid-quantity" in codes_of(diagnostics), "a 400-digit amount is not reported: %s" % codes_of(diagnostics))
        expect(not any("inf" in d["message"] or "nan" in d["message"] for d in diagnostics), "a message shows inf or nan")
        answered(c, "textDocument/hover", {"textDocument": {"uri": uri}, "position": pos(0, 4)})
        answered(c, "textDocument/inlayHint", {"textDocument": {"uri": uri}, "range": rng(0, 0, 20, 0)})
        c.notify("textDocument/didClose", doc(uri))
    run_case(session, "amounts of 400 digits", huge_numbers)

    def watched(c):
        # The client says files changed that cannot be read: a folder, a FIFO, a symlink loop, a device.
        changes = [{"uri": "file://" + os.path.join(ws, n), "type": t} for n, t in
                   [("fifo.kpi", 2), ("loop1.kpi", 2), ("folder", 1), ("dirloop/self", 2), ("gone.kpi", 3), ("secret.kpi", 2)]]
        changes.append({"uri": "file:///dev/zero.kpi", "type": 1})
        c.notify("workspace/didChangeWatchedFiles", {"changes": changes})
    run_case(session, "watched-file events for unreadable paths", watched, inputs=7)


def _utf8_in_string(c):
    # Raw invalid UTF-8 inside a JSON string: either refused as not JSON (-32700) or read with
    # replacement characters; either way the request gets an answer.
    c.send_raw(frame(b'{"jsonrpc":"2.0","id":7777,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x\xff.kpi"},"position":{"line":0,"character":0}}}'))
    deadline = time.time() + 20
    while time.time() < deadline:
        if json.dumps(7777) in c.responses or any(e.get("error", {}).get("code") == -32700 for e in c.null_id_errors[-3:]):
            return
        time.sleep(0.05)
    raise Timeout("no answer to a request with invalid UTF-8 in a string")


# MARK: - Odd sessions


def session_case(kpi, name, cwd, logdir, init, check, timeout=30.0):
    """A server of its own, started in `cwd` and initialized with `init` (merged into the params)."""
    R.inputs += 1
    client = Client(kpi, cwd, stderr_path=os.path.join(logdir, "lsp-%d.stderr" % R.inputs), initialize=False)
    try:
        params = {"processId": None, "capabilities": {}}
        params.update(init)
        client.request("initialize", params, timeout)
        client.notify("initialized", {})
        check(client)
        expect(client.shutdown() == 0, "the server did not exit cleanly")
        R.ok(name)
    except ServerDied as error:
        R.crashes += 1
        R.fail(name, "CRASH: %s" % error)
    except Timeout as error:
        R.hangs += 1
        R.fail(name, "HANG: %s" % error)
    except CheckFailed as error:
        R.fail(name, str(error))
    finally:
        client.kill()


def odd_session_cases(kpi, base, logdir):
    print("== odd workspaces and settings", flush=True)
    cwd = os.path.join(base, "cwd")
    write(os.path.join(cwd, "stray.kpi"), "kpi stray-in-current-folder\n  top-level\n")

    def nothing_indexed(c):
        found = c.request("workspace/symbol", {"query": "stray"}).get("result") or []
        expect(not found, "the server indexed its current folder: %s" % json.dumps(found)[:200])
    for name, init in [("an empty rootPath", {"rootPath": ""}), ("a `file://` folder", {"workspaceFolders": [{"uri": "file://", "name": "x"}]}),
                       ("a relative rootUri", {"rootUri": "stray"}), ("an https rootUri", {"rootUri": "https://example.com/w"}),
                       ("a folder URI with %00", {"workspaceFolders": [{"uri": "file:///tmp/%00x", "name": "x"}]})]:
        session_case(kpi, "workspace: %s indexes nothing" % name, cwd, logdir, init, nothing_indexed)

    def added_relative(c):
        c.notify("workspace/didChangeWorkspaceFolders", {"event": {"added": [{"uri": "file://", "name": "x"}, {"uri": "rel", "name": "y"}],
                                                                   "removed": [{"uri": "file:///nowhere", "name": "z"}]}})
        nothing_indexed(c)
    session_case(kpi, "workspace: added folders that are not absolute paths", cwd, logdir, {}, added_relative)

    globs = os.path.join(base, "globs")
    write(os.path.join(globs, "a" * 60 + ".kpi"), "kpi a\n  top-level\n")
    session_case(kpi, "settings: an exclude glob with 12 stars", globs, logdir,
                 {"rootUri": "file://" + globs, "initializationOptions": {"files": {"exclude": ["*a" * 12 + "*b", "**/" * 20 + "x"]}}},
                 lambda c: c.request("workspace/symbol", {"query": ""}))
    session_case(kpi, "settings: values of the wrong types", globs, logdir,
                 {"rootUri": "file://" + globs, "initializationOptions": {"files": {"exclude": "x"}, "realism": {"maxAnnualGrowth": "fast"},
                                                                          "diagnostics": {"severity": {"no-owner": 5, "nope": "off"}}}},
                 lambda c: c.request("workspace/symbol", {"query": ""}))


# MARK: - No read permission (as an unprivileged user)


def drop_privileges_prefix():
    """A command prefix that runs as `nobody`, or None with the reason."""
    if os.geteuid() != 0:
        return [], None   # already unprivileged: the mode-000 file is unreadable as is
    for tool in (["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"], ["runuser", "-u", "nobody", "--"]):
        if shutil.which(tool[0]):
            probe = subprocess.run(tool + ["true"], capture_output=True)
            if probe.returncode == 0:
                return tool, None
    return None, "running as root and neither setpriv nor runuser can drop privileges"


def unreadable_cases(kpi, base, logdir):
    prefix, reason = drop_privileges_prefix()
    if prefix is None:
        R.skip("no read permission (LSP and CLI)", reason)
        return
    # A workspace the unprivileged user can enter, with one file it cannot read.
    ws = os.path.join(base, "perm-ws")
    os.makedirs(ws)
    for path in (base, ws):
        os.chmod(path, 0o755)
    # The binary must be runnable by that user: when its folder is not (a checkout under /root), a copy is.
    if subprocess.run(prefix + [kpi, "--version"], capture_output=True).returncode != 0:
        copy = os.path.join(base, "kpi")
        shutil.copy2(kpi, copy)
        os.chmod(copy, 0o755)
        kpi = copy
        if subprocess.run(prefix + [kpi, "--version"], capture_output=True).returncode != 0:
            R.skip("no read permission (LSP and CLI)", "the kpi binary cannot run as an unprivileged user here")
            return
    write(os.path.join(ws, "secret.kpi"), "kpi secret\n  top-level\n", mode=0o000)
    write(os.path.join(ws, "user.kpi"), 'use "secret.kpi"\nkpi u\n  top-level\n  owner: me\n', mode=0o644)

    print("== no read permission (as nobody)", flush=True)
    R.inputs += 1
    client = None
    try:
        client = Client(kpi, ws, stderr_path=os.path.join(logdir, "lsp-nobody.stderr"), prefix=prefix)
        uri = "file://" + os.path.join(ws, "user.kpi")
        diagnostics = client.diagnostics(uri, timeout=60)
        found = [d for d in diagnostics if d.get("code") == "unresolved-use"]
        expect(found and "permission denied" in found[0]["message"], "no 'permission denied' diagnostic: %s" % diagnostics)
        response = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos(1, 5)})
        expect("result" in response, "no hover after the unreadable file")
        expect(client.shutdown() == 0, "the server did not exit cleanly")
        R.ok("LSP: a `use` of a file without read permission")
    except (ServerDied, Timeout, CheckFailed) as error:
        if isinstance(error, ServerDied):
            R.crashes += 1
        if isinstance(error, Timeout):
            R.hangs += 1
        R.fail("LSP: a `use` of a file without read permission", str(error))
        if client:
            client.kill()
    cli_case(kpi, "CLI: check a file without read permission", ["check", os.path.join(ws, "secret.kpi")], (2,),
             ["permission denied"], prefix=prefix, cwd=ws)
    cli_case(kpi, "CLI: check a file that uses one without read permission", ["check", os.path.join(ws, "user.kpi")], (1,),
             ["permission denied"], prefix=prefix, cwd=ws)


# MARK: - CLI cases


def cli_case(kpi, name, args, codes, words, prefix=None, cwd=None, timeout=120, stdin=None):
    R.inputs += 1
    try:
        started = time.monotonic()
        done = subprocess.run((prefix or []) + [kpi] + args, capture_output=True, timeout=timeout, cwd=cwd, input=stdin)
        elapsed = time.monotonic() - started
        out = (done.stdout + done.stderr).decode("utf-8", "replace")
        marker = next((m for m in CRASH_MARKERS if m in out), None)
        if done.returncode < 0 or done.returncode > 2 or marker:
            R.crashes += 1
            R.fail(name, "CRASH (status %d, %s):\n%s" % (done.returncode, marker, out[-2000:]))
            return
        expect(done.returncode in codes, "exit status %d, expected %s; output: %s" % (done.returncode, codes, out[-500:]))
        expect(all(w in out for w in words), "the output does not say %s: %s" % (words, out[-500:]))
        R.ok("%s (%.1fs)" % (name, elapsed))
    except subprocess.TimeoutExpired:
        R.hangs += 1
        R.fail(name, "HANG: no exit within %ds" % timeout)
    except CheckFailed as error:
        R.fail(name, str(error))


def cli_cases(kpi, ws, base, quick):
    print("== command line", flush=True)
    p = lambda name: os.path.join(ws, name)  # noqa: E731
    cli_case(kpi, "CLI: check a file that uses a folder", ["check", p("folder-use.kpi")], (1,), ["folder"])
    cli_case(kpi, "CLI: check a missing file", ["check", p("no-such-file.kpi")], (2,), ["no such file"])
    cli_case(kpi, "CLI: check a file that uses a missing file", ["check", p("missing-use.kpi")], (1,), ["does-not-exist.kpi"])
    cli_case(kpi, "CLI: check a symlink loop", ["check", p("loop1.kpi")], (2,), ["loop"])
    cli_case(kpi, "CLI: check a file that uses a symlink loop", ["check", p("loop-use.kpi")], (1,), ["loop"])
    cli_case(kpi, "CLI: check a FIFO", ["check", p("fifo.kpi")], (2,), ["not a plan file"], timeout=30)
    cli_case(kpi, "CLI: check a file that uses /dev/zero", ["check", p("device-use.kpi")], (1,), ["not a plan file"], timeout=30)
    cli_case(kpi, "CLI: check NUL bytes", ["check", p("nul.kpi")], (1,), ["syntax-error"])
    cli_case(kpi, "CLI: check invalid UTF-8", ["check", p("invalid-utf8.kpi")], (1,), ["syntax-error"])
    cli_case(kpi, "CLI: check a use cycle", ["check", p("cycle-a.kpi")], (1,), ["use-cycle"])
    cli_case(kpi, "CLI: check a parent cycle 10,000 long", ["check", p("parent-cycle.kpi")], (1,), ["10000 KPIs in the loop"], timeout=60)
    cli_case(kpi, "CLI: explain a KPI in a 10,000-long cycle", ["explain", "c5", p("parent-cycle.kpi")], (0, 1), ["c5"], timeout=60)
    cli_case(kpi, "CLI: check a folder", ["check", "--format", "json", ws], (1, 2), [], timeout=120)
    cli_case(kpi, "CLI: check a folder with a symlink loop in it", ["check", p("dirloop")], (0, 1), ["checked"], timeout=60)
    cli_case(kpi, "CLI: fmt --check a folder used as a file", ["fmt", "--check", p("folder")], (0, 1), [], timeout=60)
    cli_case(kpi, "CLI: fmt a symlink loop", ["fmt", "--check", p("loop1.kpi")], (2,), ["loop"])
    cli_case(kpi, "CLI: fmt - with NUL bytes and invalid UTF-8 on stdin", ["fmt", "-"], (0,), [],
             stdin=b"kpi a\x00\xff\xfe\n  owner: \xc0\n")
    cli_case(kpi, "CLI: unknown option", ["check", "--no-such-option"], (2,), ["unknown option"])
    cli_case(kpi, "CLI: --today that is not a date", ["check", "--today", "yesterday", p("main.kpi")], (2,), ["--today"])
    cli_case(kpi, "CLI: --max-annual-growth that is not a number", ["check", "--max-annual-growth", "1e999%", p("main.kpi")], (0, 1, 2), [])
    cli_case(kpi, "CLI: explain a KPI that does not exist", ["explain", "nope", p("main.kpi")], (2,), ["no KPI"])
    huge = os.path.join(base, "huge.kpi")
    write(huge, "kpi h\n  top-level\n  owner: me\n  baseline: $%s at 2026-12-31\n  target: +20%% by 2031\n" % ("9" * 400))
    cli_case(kpi, "CLI: check an amount of 400 digits", ["check", huge], (1,), ["invalid-quantity"])

    deep = os.path.join(base, "deep.kpi")
    write(deep, deep_plan(3000 if quick else 10000))
    cli_case(kpi, "CLI: check indentation 10,000 levels deep", ["check", deep], (0, 1), ["checked"], timeout=180)
    cli_case(kpi, "CLI: fmt --check indentation 10,000 levels deep", ["fmt", "--check", deep], (0, 1), [], timeout=180)
    long_line = os.path.join(base, "long-line.kpi")
    write(long_line, "kpi long \"" + "é€😀" * 33334 + "\"\n  owner: x\nstray line\n")
    cli_case(kpi, "CLI: check a 100,000-character line", ["check", long_line], (1,), ["syntax-error"], timeout=60)
    big = os.path.join(base, "big.kpi")
    write(big, big_plan((8 if quick else 50) << 20))
    cli_case(kpi, "CLI: check a %d MB file" % (8 if quick else 50), ["check", big], (1,), ["syntax-error"], timeout=240)


# MARK: - Main


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kpi", required=True)
    parser.add_argument("--quick", action="store_true", help="smaller big inputs (8 MB, 3,000 levels)")
    parser.add_argument("--only", choices=["lsp", "cli"], default=None)
    args = parser.parse_args()
    kpi = os.path.abspath(args.kpi)
    base = tempfile.mkdtemp(prefix="kpi-bad-input-")
    logdir = os.path.join(base, "logs")
    os.makedirs(logdir)
    os.environ.setdefault("SWIFT_BACKTRACE", "enable=no")   # a crash is a crash; no need to wait for a backtrace
    started = time.monotonic()
    try:
        ws = make_workspace(base)
        if args.only in (None, "lsp"):
            session = Session(kpi, ws, logdir)
            lsp_cases(session, args.quick)
            status = session.client.shutdown()
            if status != 0:
                R.fail("LSP: shutdown and exit", "exit status %s" % status)
            else:
                R.ok("LSP: shutdown and exit after all the bad input")
            # Input that ends inside a message: the server must exit, not wait forever.
            R.inputs += 1
            client = Client(kpi, ws, stderr_path=os.path.join(logdir, "lsp-truncated.stderr"))
            client.send_raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"")
            client.proc.stdin.close()
            status = client.wait_exit(20)
            if status is None:
                R.hangs += 1
                R.fail("LSP: input ends inside a message", "the server did not exit")
            elif status != 1:
                R.fail("LSP: input ends inside a message", "exit status %s, expected 1" % status)
            else:
                R.ok("LSP: input ends inside a message → exit 1")
            unreadable_cases(kpi, base, logdir)
            odd_session_cases(kpi, base, logdir)
        if args.only in (None, "cli"):
            cli_cases(kpi, ws, base, args.quick)
    finally:
        for root, dirs, files in os.walk(base):
            for name in files:
                try:
                    os.chmod(os.path.join(root, name), 0o644, follow_symlinks=False)
                except (OSError, NotImplementedError):
                    pass
        shutil.rmtree(base, ignore_errors=True)
    print("bad input: %d inputs, %d crashes, %d hangs, %d lost responses; %d passed, %d failed, %d skipped (%.0fs)" % (
        R.inputs, R.crashes, R.hangs, R.lost, R.passed, R.failed, len(R.skipped), time.monotonic() - started))
    for name, why in R.skipped:
        print("skipped: %s: %s" % (name, why))
    print("RESULT " + json.dumps({"inputs": R.inputs, "crashes": R.crashes, "hangs": R.hangs, "lost": R.lost,
                                  "passed": R.passed, "failed": R.failed, "skipped": len(R.skipped)}))
    return 0 if R.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

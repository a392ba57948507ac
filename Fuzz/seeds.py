#!/usr/bin/env python3
"""Writes the seed corpora for the fuzzers from the shipped plans in examples/ (and the parser's
golden inputs when they are there, and the inputs in Fuzz/regressions/ that once broke an invariant):

  OUT/parser/   every example whole, and each of its top-level blocks on its own (small inputs
                mutate faster)
  OUT/framing/  LSP sessions as a client frames them: initialize, didOpen of an example, requests,
                cancels, a message split in two, headers with extra fields, CRLF noise

usage: seeds.py OUT
"""

import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def frame(message, extra=b""):
    body = json.dumps(message, ensure_ascii=False).encode("utf-8") if not isinstance(message, bytes) else message
    return b"Content-Length: %d\r\n%s\r\n" % (len(body), extra) + body


def main():
    out = sys.argv[1]
    parser_dir, framing_dir = os.path.join(out, "parser"), os.path.join(out, "framing")
    os.makedirs(parser_dir, exist_ok=True)
    os.makedirs(framing_dir, exist_ok=True)
    plans = sorted(glob.glob(os.path.join(ROOT, "examples", "*.kpi")))
    # Inputs that once broke an invariant (kept so every run checks them first).
    for path in sorted(glob.glob(os.path.join(ROOT, "Fuzz", "regressions", "parser", "*"))):
        open(os.path.join(parser_dir, "regression-" + os.path.basename(path)), "wb").write(open(path, "rb").read())
    golden = sorted(glob.glob(os.path.join(ROOT, "Tests", "KPISyntaxTests", "Golden", "*.kpi")))
    count = 0
    for path in plans + golden:
        data = open(path, "rb").read()
        name = os.path.basename(path)
        open(os.path.join(parser_dir, name), "wb").write(data)
        count += 1
        if path in plans:
            for index, block in enumerate(re.split(rb"\n(?=\S)", data)):
                open(os.path.join(parser_dir, "%s-%02d" % (name, index)), "wb").write(block + b"\n")
                count += 1
    uri = "file:///w/acme.kpi"
    text = open(plans[0], encoding="utf-8").read() if plans else "kpi a\n  top-level\n"
    position = {"textDocument": {"uri": uri}, "position": {"line": 3, "character": 5}}
    session = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": "file:///w"}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "kpi", "version": 1, "text": text}}},
        {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 3}}, "text": "€—🚀"}]}},
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": position},
        {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 2}},
        {"jsonrpc": "2.0", "id": "s3", "method": "textDocument/completion", "params": position},
        {"jsonrpc": "2.0", "id": 4, "result": None},
        {"jsonrpc": "2.0", "id": 5, "error": {"code": -32601, "message": "no"}},
        {"jsonrpc": "2.0", "id": 6, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    seeds = {
        "session": b"".join(frame(m) for m in session),
        "one-request": frame(session[4]),
        "content-type": frame(session[4], b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"),
        "crlf-noise": b"\r\n\r\n" + frame(session[4]) + b"\r\n" + frame(session[6]),
        "short-length": b"Content-Length: 5\r\n\r\n" + json.dumps(session[9]).encode() + frame(session[4]),
        "bad-length": b"Content-Length: x\r\n\r\n{}" + frame(session[4]),
        "nested": frame(b"[" * 300 + b"]" * 300),
        "batch": frame(json.dumps([session[4], session[6]]).encode()),
    }
    for name, data in seeds.items():
        open(os.path.join(framing_dir, name), "wb").write(data)
    for path in plans:
        message = {"jsonrpc": "2.0", "method": "textDocument/didOpen",
                   "params": {"textDocument": {"uri": uri, "languageId": "kpi", "version": 1, "text": open(path, encoding="utf-8").read()}}}
        open(os.path.join(framing_dir, "open-" + os.path.basename(path)), "wb").write(frame(message))
    print("seeds: %d parser inputs, %d framing inputs" % (count, len(seeds) + len(plans)))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""A stand-in for `kpi lsp`, used only to test the editor plumbing.

It answers the parts of the server contract the editor integrations call
(initialize, diagnostics with codes, hover, definition, type hierarchy,
kpi/cascadeTree, kpi/report) with a toy line parser, so the Neovim and Emacs test
scripts can be exercised before the real Swift server exists:

    KPI_BIN=editors/tests/mock_kpi_server.py nvim --headless ... 

`mock_kpi_server.py --version` prints `kpi 0.0.0-mock`. Stdlib only.
"""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

HEADER = re.compile(r"^kpi\s+([A-Za-z0-9_][A-Za-z0-9_.-]*)(?:\s+\"([^\"]*)\")?")
PARENT = re.compile(r"^\s+parent\s*:\s*([A-Za-z0-9_][A-Za-z0-9_.-]*)")
USE = re.compile(r'^use\s+"([^"]*)"')


def path_to_uri(path: Path) -> str:
    return "file://" + quote(str(path.resolve()))


def uri_to_path(uri: str) -> Path:
    return Path(unquote(urlparse(uri).path))


def rng(line: int, start: int, end: int) -> dict:
    return {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}


class Kpi:
    def __init__(self, uri: str, kpi_id: str, title: str | None, line: int, text: str):
        self.uri, self.id, self.title, self.line = uri, kpi_id, title, line
        self.header = rng(line, 0, len(text))
        self.name_range = rng(line, 4, 4 + len(kpi_id))
        self.end_line = line
        self.parent: str | None = None
        self.parent_range: dict | None = None

    def item(self) -> dict:
        return {"name": self.id, "kind": 5, "detail": self.title or "", "uri": self.uri,
                "range": rng(self.line, 0, 0) | {"end": {"line": self.end_line + 1, "character": 0}},
                "selectionRange": self.name_range, "data": {"id": self.id}}


class Server:
    def __init__(self) -> None:
        self.open_docs: dict[str, str] = {}
        self.root: Path | None = None
        self.next_id = 1000

    # -- transport -------------------------------------------------------
    def send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        sys.stdout.buffer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        sys.stdout.buffer.flush()

    def read(self) -> dict | None:
        length = None
        while True:
            line = sys.stdin.buffer.readline()
            if not line:
                return None
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(sys.stdin.buffer.read(length or 0))

    # -- model -----------------------------------------------------------
    def documents(self) -> dict[str, str]:
        docs: dict[str, str] = {}
        folders = {uri_to_path(uri).parent for uri in self.open_docs}
        if self.root:
            folders.add(self.root)
        for folder in folders:
            for file in sorted(folder.glob("*.kpi")):
                docs[path_to_uri(file)] = file.read_text(encoding="utf-8")
        docs.update(self.open_docs)
        return docs

    def kpis(self) -> list[Kpi]:
        result = []
        for uri, text in self.documents().items():
            current = None
            for n, line in enumerate(text.splitlines()):
                if m := HEADER.match(line):
                    current = Kpi(uri, m.group(1), m.group(2), n, line)
                    result.append(current)
                elif current and (line.startswith((" ", "\t")) or not line.strip()):
                    if line.strip():
                        current.end_line = n
                    if m := PARENT.match(line):
                        current.parent = m.group(1)
                        current.parent_range = rng(n, m.start(1), m.end(1))
                else:
                    current = None
        return result

    def kpi_at(self, uri: str, line: int) -> Kpi | None:
        for kpi in self.kpis():
            if kpi.uri == uri and kpi.line <= line <= kpi.end_line:
                return kpi
        return None

    def find(self, kpi_id: str | None) -> Kpi | None:
        return next((k for k in self.kpis() if k.id == kpi_id), None)

    def publish(self, uri: str) -> None:
        diagnostics = []
        for kpi in self.kpis():
            if kpi.uri == uri and kpi.parent and not self.find(kpi.parent):
                diagnostics.append({"range": kpi.parent_range, "severity": 1, "code": "unknown-parent",
                                    "source": "kpi", "message": f"Unknown parent KPI '{kpi.parent}'."})
        self.send({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
                   "params": {"uri": uri, "diagnostics": diagnostics}})

    def tree(self, only_uri: str | None) -> dict:
        kpis = self.kpis()

        def node(kpi: Kpi) -> dict:
            children = [node(k) for k in kpis if k.parent == kpi.id]
            return {"id": kpi.id, "title": kpi.title, "uri": kpi.uri, "range": kpi.header,
                    "allocation": "100% allocated" if children else None, "children": children}

        roots = [node(k) for k in kpis if not k.parent or not self.find(k.parent)]
        if only_uri:
            roots = [r for r in roots if r["uri"] == only_uri]
        return {"roots": roots}

    # -- requests --------------------------------------------------------
    def handle(self, method: str, params: dict):
        if method == "initialize":
            root = params.get("rootUri")
            self.root = uri_to_path(root) if root else None
            return {"capabilities": {"textDocumentSync": 1, "hoverProvider": True,
                                     "definitionProvider": True, "typeHierarchyProvider": True},
                    "serverInfo": {"name": "kpi-mock", "version": "0.0.0"}}
        if method == "shutdown":
            return None
        position = params.get("position", {})
        uri = params.get("textDocument", {}).get("uri", "")
        if method == "textDocument/hover":
            kpi = self.kpi_at(uri, position.get("line", -1))
            if not kpi:
                return None
            return {"contents": {"kind": "markdown", "value": f"**{kpi.id}** — {kpi.title or ''}"}}
        if method == "textDocument/definition":
            text = self.documents().get(uri, "").splitlines()
            line = text[position["line"]] if position.get("line", -1) < len(text) else ""
            if m := PARENT.match(line):
                target = self.find(m.group(1))
                return {"uri": target.uri, "range": target.name_range} if target else None
            if m := USE.match(line):
                file = uri_to_path(uri).parent / m.group(1)
                return {"uri": path_to_uri(file), "range": rng(0, 0, 0)} if file.exists() else None
            return None
        if method == "textDocument/prepareTypeHierarchy":
            kpi = self.kpi_at(uri, position.get("line", -1))
            return [kpi.item()] if kpi else None
        if method == "typeHierarchy/supertypes":
            kpi = self.find(params["item"]["data"]["id"])
            parent = self.find(kpi.parent) if kpi else None
            return [parent.item()] if parent else []
        if method == "typeHierarchy/subtypes":
            return [k.item() for k in self.kpis() if k.parent == params["item"]["data"]["id"]]
        if method == "kpi/cascadeTree":
            return self.tree((params or {}).get("uri"))
        if method == "kpi/report":
            # A page with a tree row per KPI, as the real report has (data-kpi="ID").
            rows = "".join(f'<li class="node" data-kpi="{k.id}">{k.id}</li>\n' for k in self.kpis())
            return {"html": f"<!DOCTYPE html>\n<title>KPI report</title>\n<ul>\n{rows}</ul>\n", "id": None}
        raise LookupError(method)

    def notify(self, method: str, params: dict) -> bool:
        """Handles a notification; returns False on exit."""
        if method == "exit":
            return False
        if method == "initialized":
            self.send({"jsonrpc": "2.0", "id": self.next_id, "method": "workspace/configuration",
                       "params": {"items": [{"section": "kpi"}]}})
            self.next_id += 1
        doc = params.get("textDocument", {}) if isinstance(params, dict) else {}
        if method == "textDocument/didOpen":
            self.open_docs[doc["uri"]] = doc["text"]
        elif method == "textDocument/didChange":
            self.open_docs[doc["uri"]] = params["contentChanges"][-1]["text"]
        elif method == "textDocument/didClose":
            self.open_docs.pop(doc["uri"], None)
        if method in ("textDocument/didOpen", "textDocument/didChange"):
            for uri in self.open_docs:
                self.publish(uri)
        return True

    def run(self) -> None:
        while (message := self.read()) is not None:
            method = message.get("method")
            if method is None:
                continue  # a response to our workspace/configuration request
            if "id" not in message:
                if not self.notify(method, message.get("params") or {}):
                    return
                continue
            try:
                result = self.handle(method, message.get("params") or {})
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": result})
            except LookupError:
                self.send({"jsonrpc": "2.0", "id": message["id"],
                           "error": {"code": -32601, "message": f"unhandled method {method}"}})


def main() -> int:
    args = sys.argv[1:]
    if args == ["--version"]:
        print("kpi 0.0.0-mock")
        return 0
    if not args or args[0] != "lsp":
        print("usage: mock_kpi_server.py lsp [--stdio] | --version", file=sys.stderr)
        return 2
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    Server().run()
    return 0


if __name__ == "__main__":
    sys.exit(main())

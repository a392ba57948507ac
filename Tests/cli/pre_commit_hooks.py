#!/usr/bin/env python3
"""The pre-commit hooks of .pre-commit-hooks.yaml, run by the real `pre-commit` in a temporary
repository: a plan with an error fails the commit (kpi-check), a plan not in canonical form fails
it (kpi-fmt), a good plan (warnings allowed) is committed.

The hooks repository is a temporary git repository holding the working tree's
.pre-commit-hooks.yaml, so uncommitted changes to it are what is tested. Needs `pip install
pre-commit` (`.ci/run` installs it) and git; fails when they are missing.
Usage: KPI_BIN=.build/debug/kpi python3 Tests/cli/pre_commit_hooks.py
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KPI = os.path.abspath(os.environ.get("KPI_BIN") or os.path.join(ROOT, ".build", "debug", "kpi"))
PRE_COMMIT = shutil.which("pre-commit")
if PRE_COMMIT is None or shutil.which("git") is None:
    sys.exit("pre_commit_hooks.py: needs pre-commit and git: run `pip install pre-commit`")
if not os.access(KPI, os.X_OK):
    sys.exit(f"pre_commit_hooks.py: no kpi binary at {KPI}")

GOOD = """kpi mrr "Grow MRR"
  top-level
  owner: CFO
  metric: MRR
  baseline: $125K at 2026-12-31
  target: +20% by FY2027
  actions:
    - Raise prices
"""
# A warning (no owner) but no error: still committed.
WARNING_ONLY = GOOD.replace("  owner: CFO\n", "")
BAD = GOOD.replace("  top-level\n", "  parent: revenu\n")
UNFORMATTED = GOOD.replace("  owner: CFO", "    owner:   CFO")

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def run(args, cwd, env):
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)


def git(args, cwd, env):
    result = run(["git", *args], cwd, env)
    if result.returncode != 0:
        sys.exit(f"git {' '.join(args)} failed: {result.stderr}")
    return result.stdout.strip()


def main():
    with tempfile.TemporaryDirectory(prefix="kpi-pre-commit-") as temp:
        env = dict(os.environ)
        env.update({
            "PATH": os.path.dirname(KPI) + os.pathsep + env.get("PATH", ""),
            "PRE_COMMIT_HOME": os.path.join(temp, "cache"),
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
            "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        })
        hooks = os.path.join(temp, "hooks")
        os.makedirs(hooks)
        shutil.copy(os.path.join(ROOT, ".pre-commit-hooks.yaml"), hooks)
        git(["init", "-q", "-b", "main"], hooks, env)
        git(["add", "."], hooks, env)
        git(["commit", "-q", "-m", "hooks"], hooks, env)
        rev = git(["rev-parse", "HEAD"], hooks, env)

        project = os.path.join(temp, "project")
        os.makedirs(project)
        git(["init", "-q", "-b", "main"], project, env)
        with open(os.path.join(project, ".pre-commit-config.yaml"), "w") as f:
            f.write(f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n      - id: kpi-check\n      - id: kpi-fmt\n")
        git(["add", ".pre-commit-config.yaml"], project, env)
        installed = run([PRE_COMMIT, "install"], project, env)
        check(installed.returncode == 0, f"pre-commit install: {installed.stdout}{installed.stderr}")

        def commit(name, text, message):
            with open(os.path.join(project, name), "w") as f:
                f.write(text)
            git(["add", name], project, env)
            result = run(["git", "commit", "-m", message], project, env)
            return result.returncode, result.stdout + result.stderr

        status, output = commit("plan.kpi", GOOD, "a good plan")
        check(status == 0, f"a good plan was not committed:\n{output}")
        check("kpi check" in output and "Passed" in output, f"the hooks did not run on the good plan:\n{output}")

        status, output = commit("plan.kpi", WARNING_ONLY, "a plan with a warning")
        check(status == 0, f"a plan with only a warning was not committed:\n{output}")

        status, output = commit("plan.kpi", BAD, "a plan with an error")
        check(status != 0, f"a plan with an error was committed:\n{output}")
        check("plan.kpi:2:11: error: no KPI `revenu` is visible here" in output, f"kpi check's finding is not shown:\n{output}")
        git(["checkout", "--", "."], project, env)
        git(["reset", "-q", "--hard"], project, env)

        status, output = commit("plan.kpi", UNFORMATTED, "a plan not in canonical form")
        check(status != 0, f"a plan not in canonical form was committed:\n{output}")
        check("would reformat plan.kpi" in output, f"kpi fmt --check's message is not shown:\n{output}")
        log = git(["log", "--format=%s"], project, env).splitlines()
        check(log == ["a plan with a warning", "a good plan"], f"commits made: {log}")

    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print("pre_commit_hooks.py: kpi-check and kpi-fmt block bad plans and let good ones through (real pre-commit)")


main()

#!/usr/bin/env python3
"""`kpi lsp` stays in its lane: run a session under strace and check that the server

  - reads nothing outside the workspace folder but the files a plan's `use` names (one outside
    the workspace is named on purpose; another file next to it is not named and must not be read,
    also when events name it through `..` or `%2E%2E`), whatever their names, besides the system's
    own files (shared libraries, /proc/self, /sys cpu information, the time zone);
  - opens no file for writing (the server never writes: formatting, rename, fixes are edits);
  - starts no process (no execve after its own, no fork: every clone is a thread) and opens no
    network connection (no connect, no AF_INET/AF_INET6 socket);
  - never puts file contents in its logs (stderr and window/logMessage).

usage: sandbox.py --kpi PATH [--strace PATH]   (prints a RESULT line for run.sh)
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp import Client  # noqa: E402

SECRET = "kpi secret-outside-data \"SECRET CONTENT 7f3a\"\n  top-level\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kpi", required=True)
    parser.add_argument("--strace", default=shutil.which("strace"))
    args = parser.parse_args()
    if not args.strace:
        print("sandbox: strace is not installed: SKIPPED (run.sh counts this as a skip, and fails on it)")
        print("RESULT " + json.dumps({"passed": 0, "failed": 0, "skipped": 1}))
        return 0
    probe = subprocess.run([args.strace, "-f", "-o", os.devnull, "true"], capture_output=True)
    if probe.returncode != 0:   # e.g. a container without ptrace
        print("sandbox: strace cannot trace here (%s): SKIPPED" % probe.stderr.decode("utf-8", "replace").strip()[:200])
        print("RESULT " + json.dumps({"passed": 0, "failed": 0, "skipped": 1}))
        return 0
    kpi = os.path.abspath(args.kpi)
    os.environ["SWIFT_BACKTRACE"] = "enable=no"
    base = os.path.realpath(tempfile.mkdtemp(prefix="kpi-sandbox-"))
    ws = os.path.join(base, "ws")
    outside = os.path.join(base, "outside")
    os.makedirs(os.path.join(ws, "team"))
    os.makedirs(outside)
    plan = ('plan "Team"\n  as-of: 2027-07-15\nuse "../../outside/company.kpi"\n'
            'kpi team-goal "A team goal with a distinctive title 91c2"\n  parent: company\n  owner: Lead\n'
            '  baseline: $10K at 2026-12-31\n  target: +10% by FY2027\n  actions:\n    - Something specific e81d\n')
    with open(os.path.join(ws, "team", "team.kpi"), "w") as f:
        f.write(plan)
    with open(os.path.join(ws, "other.kpi"), "w") as f:
        f.write('kpi other "Other goal title 55aa"\n  top-level\n  owner: me\n')
    with open(os.path.join(outside, "company.kpi"), "w") as f:
        f.write('kpi company "Company goal title 0b9e"\n  top-level\n  owner: CEO\n  baseline: $1M at 2026-12-31\n  target: +20% by FY2027\n  actions:\n    - Grow\n')
    with open(os.path.join(outside, "not-named.kpi"), "w") as f:   # next to a used file, but named by no `use`
        f.write(SECRET)
    with open(os.path.join(outside, "secret.txt"), "w") as f:      # not a plan at all
        f.write(SECRET)
    trace = os.path.join(base, "strace.log")
    stderr_path = os.path.join(base, "lsp.stderr")

    client = Client(kpi, ws, stderr_path=stderr_path,
                    prefix=[args.strace, "-f", "-qq", "-s", "256", "-o", trace,
                            "-e", "trace=open,openat,openat2,creat,connect,socket,execve,execveat,clone,clone3,fork,vfork,rename,renameat,renameat2,unlink,unlinkat,truncate,ftruncate,mkdir,mkdirat"])
    team = "file://" + os.path.join(ws, "team", "team.kpi")
    client.diagnostics(team, timeout=60)
    client.open(team, plan, 1)
    uri = {"textDocument": {"uri": team}}
    for method, params in [
        ("textDocument/hover", dict(uri, position={"line": 3, "character": 5})),
        ("textDocument/definition", dict(uri, position={"line": 4, "character": 12})),
        ("textDocument/completion", dict(uri, position={"line": 2, "character": 6})),
        ("textDocument/formatting", dict(uri, options={"tabSize": 2, "insertSpaces": True})),
        ("textDocument/rename", dict(uri, position={"line": 3, "character": 5}, newName="renamed")),
        ("textDocument/codeAction", dict(uri, range={"start": {"line": 3, "character": 0}, "end": {"line": 9, "character": 0}},
                                         context={"diagnostics": []})),
        ("workspace/symbol", {"query": "o"}),
        ("textDocument/documentSymbol", uri),
    ]:
        client.request(method, params, timeout=60)
    client.change(team, 2, [{"range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}},
                             "text": "# an edit with \"quoted text b7d4\"\n"}])
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": "file://" + os.path.join(outside, "not-named.kpi"), "type": 2}]})
    # The same file and others outside, named through the workspace with `..`, `%2E%2E` and `%2F`.
    for dotted in ["file://%s/../outside/not-named.kpi" % ws, "file://%s/team/%%2E%%2E/%%2e%%2e/outside/not-named.kpi" % ws,
                "file://%s/team/..%%2F..%%2Foutside/secret.txt" % ws, "file://%s/../../../../etc/hostname" % ws]:
        client.notify("textDocument/didClose", {"textDocument": {"uri": dotted}})
        client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": dotted, "type": 1}, {"uri": dotted, "type": 2}]})
    # A Content-Length too short: the rest of the message, a document, is then read as header lines.
    # The error may quote it back to the client, but the logs must not carry it.
    leak = (b'{"params":{"textDocument":{"text":"kpi leaked \\"LEAK-MARKER-4d2a\\"\\n","uri":"file:///elsewhere/x.kpi",'
            b'"languageId":"kpi","version":1}},"jsonrpc":"2.0","method":"textDocument/didOpen"}')
    client.send_raw(b"Content-Length: 5\r\n\r\n" + leak)
    client.request("textDocument/hover", dict(uri, position={"line": 4, "character": 5}), timeout=60)
    status = client.shutdown()
    logs = [p.get("message", "") for m, p in client.notifications if m in ("window/logMessage", "window/showMessage")]

    failures = []
    with open(trace, errors="replace") as f:
        lines = f.read().splitlines()
    pids = set()
    opened_kpi = set()
    opened_any = set()
    for line in lines:
        m = re.match(r"(\d+)\s+(\w+)\((.*)", line)
        if not m:
            continue
        pid, call, rest = m.groups()
        pids.add(pid)
        if call in ("execve", "execveat"):
            if kpi not in rest and "= -1" not in rest:
                failures.append("started a process: " + line)
        elif call in ("fork", "vfork"):
            failures.append("forked: " + line)
        elif call in ("clone", "clone3"):
            if "CLONE_THREAD" not in rest and "= -1" not in rest and "resumed" not in rest:
                failures.append("created a process, not a thread: " + line)
        elif call == "connect":
            failures.append("opened a connection: " + line)
        elif call == "socket" and ("AF_INET" in rest or "AF_INET6" in rest or "AF_PACKET" in rest):
            failures.append("opened a network socket: " + line)
        elif call in ("open", "openat", "openat2", "creat"):
            path = re.search(r'"((?:[^"\\]|\\.)*)"', rest)
            path = path.group(1) if path else ""
            if call == "creat" or re.search(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC", rest):
                if not path.startswith(("/dev/", "/proc/")):
                    failures.append("opened a file for writing: " + line)
            if path.endswith(".kpi") and "= -1" not in rest:
                opened_kpi.add(os.path.normpath(path))
            if "= -1" not in rest and path:
                opened_any.add(os.path.normpath(path))
        elif call in ("rename", "renameat", "renameat2", "unlink", "unlinkat", "truncate", "ftruncate", "mkdir", "mkdirat"):
            if "= -1" not in rest:
                failures.append("changed the file system: " + line)
    allowed = {os.path.join(ws, "team", "team.kpi"), os.path.join(ws, "other.kpi"), os.path.join(outside, "company.kpi")}
    # Anything opened outside the workspace, whatever its name, is a stray unless it is the system's own.
    system = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/share/zoneinfo/", "/etc/ld.so.", "/proc/self/",
              "/sys/devices/system/cpu/", "/sys/fs/cgroup/", "/dev/null", "/dev/urandom", "/etc/localtime", "/opt/swift/")

    def own(path):   # the binary itself, and shared libraries next to it
        return path == kpi or (path.startswith(os.path.dirname(kpi) + "/") and ".so" in os.path.basename(path))
    strays = sorted(p for p in opened_any
                    if p not in allowed and not p.startswith(ws + "/") and p != ws and not p.startswith(system)
                    and not own(p) and not re.match(r"/proc/\d+/", p))
    if strays:
        failures.append("read files outside the workspace that no `use` names: %s" % strays)
    if os.path.join(outside, "company.kpi") not in opened_kpi:
        failures.append("never read the file the plan's `use` names (is strace tracing the server?): %s" % sorted(opened_kpi))
    with open(stderr_path, "rb") as f:
        stderr = f.read().decode("utf-8", "replace")
    for marker in ("91c2", "e81d", "55aa", "0b9e", "7f3a", "b7d4", "4d2a", "distinctive", "Something specific"):
        if marker in stderr or any(marker in l for l in logs):
            failures.append("the logs carry file contents (%r)" % marker)
    if status != 0:
        failures.append("exit status %s after shutdown/exit" % status)

    print("sandbox: %d traced processes/threads, %d .kpi files read: %s" % (len(pids), len(opened_kpi),
          ", ".join(os.path.relpath(p, base) for p in sorted(opened_kpi))))
    for failure in failures:
        print("  FAIL  " + failure)
    if not failures:
        print("  ok    no process started, no connection, nothing written, only the workspace and used files read, no contents in logs")
    shutil.rmtree(base, ignore_errors=True)
    print("RESULT " + json.dumps({"passed": 1 if not failures else 0, "failed": len(failures), "skipped": 0}))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The security review's cases (issue 15), each a regression case against the real `kpi` binary:

  - a `use` of anything but a `*.kpi` regular file (`/proc/kmsg`, `/etc/passwd`, `/proc/self/environ`,
    a FIFO, a device, a folder, a `.kpi` link to `/etc/passwd`) is an `unresolved-use` with its reason,
    found without opening it (strace), within seconds, in `kpi check` and in the server;
  - `/proc/self/pagemap` under six spellings and a 65 MB plan are refused before reading (peak RSS);
  - `didClose` and watched-file events with `..`, `%2E%2E` and a linked folder never read a plan
    outside the workspace (strace) nor publish anything for it; a watched file replaced by a FIFO
    loses its KPIs and the reason is logged; a README or a Python file gets no KPI diagnostics;
    a used plan outside the workspace is reported in the log;
  - `kpi fmt FILE` keeps mode, owner and group (600, 400, 755, 2664), a symbolic link and its
    target, hard links, bytes that are not UTF-8, leaves a canonical file untouched (same inode and
    mtime), says "cannot write …: no space left on device" / "read-only file system" on one line
    with the original kept and no temporary file, cleans up when killed mid-write, reports every
    file of `kpi fmt a.kpi missing.kpi c.kpi`, and `kpi fmt -` does not spin on a non-blocking stdin;
  - no `inf` or `nan` in check, explain, hover, inlay hints or code lenses, over several plans;
    hover code spans hold amounts only (`$0`, not `$0,`);
  - a rename that would change what a reference resolves to is refused;
  - request id 9007199254740993 and completion `data` 2^62 come back exact; a non-blocking stdout
    loses no response and does not spin; a non-blocking stdin works; a client that never reads
    gets bounded memory, which comes back after draining;
  - a `use` chain of 1,000 / 5,000 files is checked
    in time linear in its length.

A case that cannot run here (no strace, not root for mounts) counts as skipped, and run.sh fails
on any skip unless told `--allow-skips`.

usage: security.py --kpi PATH [--only NAME,...]     (prints a RESULT line for run.sh)
"""

import argparse
import fcntl
import json
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp import Client, vm_rss_kb  # noqa: E402

KPI = None
STRACE = shutil.which("strace")
IS_ROOT = os.geteuid() == 0
INF_NAN = re.compile(r"\b(inf|nan|infinity)\b", re.IGNORECASE)


class Skip(Exception):
    pass


class Failure(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failure(message)


def run(args, cwd, timeout=30, stdin=None, input=None, prefix=None):
    """Runs kpi with args; returns (status, stdout, stderr, peak RSS in MB of this child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # A session of its own, so that a hung `kpi` under strace is killed with strace.
    proc = subprocess.Popen((prefix or []) + [KPI] + args, cwd=cwd, stdin=stdin if stdin is not None else subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ, SWIFT_BACKTRACE="enable=no"),
                            start_new_session=True)
    try:
        out, err = proc.communicate(input=input, timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise Failure("`kpi %s` did not finish within %ds" % (" ".join(args), timeout))
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), max(after, before) / 1024.0


def need_strace():
    if not STRACE:
        raise Skip("strace is not installed")
    probe = subprocess.run([STRACE, "-f", "-o", os.devnull, "true"], capture_output=True)
    if probe.returncode != 0:
        raise Skip("strace cannot trace here")


def opened_paths(trace):
    """Paths opened (successfully or not) in an strace log of open/openat calls."""
    paths = []
    with open(trace, errors="replace") as f:
        for line in f:
            m = re.search(r'open(?:at2?)?\((?:[^,]*, )?"((?:[^"\\]|\\.)*)"', line)
            if m:
                paths.append(m.group(1))
    return paths


def write(path, text, mode="w"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(text)


# MARK: - reading

SPECIAL_USES = ["/proc/kmsg", "/etc/passwd", "/proc/self/environ", "fifo.kpi", "/dev/zero", "folder.kpi",
                "evil.kpi", "kmsg.kpi"]


def special_plan(base):
    os.mkfifo(os.path.join(base, "fifo.kpi"))
    os.makedirs(os.path.join(base, "folder.kpi"))
    os.symlink("/etc/passwd", os.path.join(base, "evil.kpi"))
    os.symlink("/proc/kmsg", os.path.join(base, "kmsg.kpi"))
    text = "".join('use "%s"\n' % u for u in SPECIAL_USES) + 'kpi a "A"\n  top-level\n  owner: me\n'
    write(os.path.join(base, "plan.kpi"), text)
    return text


def case_use_names_only_plan_files(base):
    need_strace()
    special_plan(base)
    trace = os.path.join(base, "trace")
    started = time.monotonic()
    status, out, err, _ = run(["check", "plan.kpi"], base, timeout=20,
                              prefix=[STRACE, "-f", "-qq", "-o", trace, "-e", "trace=open,openat,openat2"])
    expect(time.monotonic() - started < 20, "kpi check took too long")
    lines = [l for l in out.splitlines() if "[unresolved-use]" in l]
    expect(len(lines) == len(SPECIAL_USES), "expected %d unresolved-use findings, got:\n%s" % (len(SPECIAL_USES), out))
    for index, line in enumerate(lines):
        expect(line.startswith("plan.kpi:%d:" % (index + 1)), "unexpected line order: %s" % line)
        expect("not a plan file" in line or "a folder" in line, "no reason given: %s" % line)
    opened = opened_paths(trace)
    for bad in ["/proc/kmsg", "/etc/passwd", "/proc/self/environ", "fifo.kpi", "/dev/zero", "evil.kpi", "kmsg.kpi"]:
        expect(not any(p == bad or p.endswith("/" + bad) for p in opened), "opened %s: %s" % (bad, [p for p in opened if bad in p]))


def case_server_refuses_special_uses(base):
    ws = os.path.join(base, "ws")
    os.makedirs(ws)
    text = special_plan(ws)
    client = Client(KPI, ws)
    try:
        uri = "file://" + os.path.join(ws, "plan.kpi")
        client.open(uri, text, 1)
        diagnostics = client.diagnostics(uri, timeout=30, version=1)
        unresolved = [d for d in diagnostics if d.get("code") == "unresolved-use"]
        expect(len(unresolved) == len(SPECIAL_USES), "expected %d unresolved-use, got %s" % (len(SPECIAL_USES), [d["message"] for d in diagnostics]))
        hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 8, "character": 5}}, timeout=10)
        expect("result" in hover, "no hover answer after the special uses")
        published = {p["uri"] for m, p in client.notifications if m == "textDocument/publishDiagnostics"}
        expect(published == {uri}, "diagnostics published for other files: %s" % sorted(published - {uri}))
        symbols = client.request("workspace/symbol", {"query": ""}, timeout=10)["result"]
        expect({s["location"]["uri"] for s in symbols} == {uri}, "workspace symbols from other files: %s" % symbols)
    finally:
        client.shutdown()


def case_pagemap_and_size_cap(base):
    spellings = ["/proc/self/pagemap", "/proc/self/../self/pagemap", "/proc/thread-self/pagemap", "//proc//self//pagemap",
                 "/proc/1/pagemap", "pagemap.kpi"]
    os.symlink("/proc/self/pagemap", os.path.join(base, "pagemap.kpi"))
    with open(os.path.join(base, "big.kpi"), "wb") as f:   # sparse: 65 MB long, no disk used
        f.truncate(65 << 20)
    uses = spellings + ["big.kpi"]
    write(os.path.join(base, "plan.kpi"), "".join('use "%s"\n' % u for u in uses))
    status, out, err, rss = run(["check", "plan.kpi"], base, timeout=30)
    lines = [l for l in out.splitlines() if "[unresolved-use]" in l]
    expect(len(lines) == len(uses), "expected %d unresolved-use, got:\n%s" % (len(uses), out))
    expect("larger than 64 MB" in lines[-1], "the 65 MB plan: %s" % lines[-1])
    expect(rss < 150, "peak RSS %.0f MB (the files were read?)" % rss)


# MARK: - URIs and the server

def case_uris_with_dots_read_nothing_outside(base):
    need_strace()
    ws, outside = os.path.join(base, "ws"), os.path.join(base, "outside")
    write(os.path.join(ws, "team", "team.kpi"), 'kpi team "Team"\n  top-level\n  owner: me\n')
    write(os.path.join(outside, "secret.kpi"), 'kpi secret "Secret"\n  parent: nowhere\n')
    os.symlink(outside, os.path.join(ws, "link"))
    trace = os.path.join(base, "trace")
    client = Client(KPI, ws, prefix=[STRACE, "-f", "-qq", "-o", trace, "-e", "trace=open,openat,openat2"])
    try:
        client.diagnostics("file://" + os.path.join(ws, "team", "team.kpi"), timeout=60)
        uris = ["file://%s/../outside/secret.kpi" % ws, "file://%s/%%2E%%2E/outside/secret.kpi" % ws,
                "file://%s/team/%%2e%%2e/..%%2Foutside/secret.kpi" % ws, "file://%s/link/secret.kpi" % ws,
                "file://%s/team/../../outside/./secret.kpi" % ws]
        for uri in uris:
            client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
            client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri, "type": 2}, {"uri": uri, "type": 1}]})
        client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": "file://%s/../../../etc/shadow" % ws, "type": 2}]})
        client.notify("textDocument/didClose", {"textDocument": {"uri": "file://%s/%%2E%%2E/%%2E%%2E/%%2E%%2E/etc/shadow" % ws}})
        expect("result" in client.request("workspace/symbol", {"query": "secret"}, timeout=20), "no answer")
        symbols = client.request("workspace/symbol", {"query": "secret"}, timeout=20)["result"]
        expect(symbols == [], "KPIs read from outside the workspace: %s" % symbols)
        published = [p["uri"] for m, p in client.notifications if m == "textDocument/publishDiagnostics"]
        expect(not any("secret" in u or "shadow" in u for u in published), "diagnostics published for %s" % published)
    finally:
        client.shutdown()
    opened = opened_paths(trace)
    expect(not any(p.endswith("secret.kpi") or p.endswith("shadow") for p in opened),
           "read outside the workspace: %s" % [p for p in opened if "secret" in p or "shadow" in p])


def case_watched_file_becomes_fifo(base):
    ws = os.path.join(base, "ws")
    path = os.path.join(ws, "goals.kpi")
    write(path, 'kpi fifo-goal "Goal"\n  top-level\n  owner: me\n')
    client = Client(KPI, ws)
    try:
        client.diagnostics("file://" + path, timeout=60)
        found = client.request("workspace/symbol", {"query": "fifo-goal"}, timeout=20)["result"]
        expect(len(found) == 1, "the KPI is not indexed: %s" % found)
        os.remove(path)
        os.mkfifo(path)
        client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": "file://" + path, "type": 2}]})
        found = client.request("workspace/symbol", {"query": "fifo-goal"}, timeout=20)["result"]
        expect(found == [], "its KPIs stayed: %s" % found)
        logs = [p["message"] for m, p in client.notifications if m == "window/logMessage"]
        expect(any("goals.kpi" in l and "FIFO" in l for l in logs), "the reason is not logged: %s" % logs)
    finally:
        client.shutdown()


def case_only_kpi_documents_are_analysed(base):
    ws = os.path.join(base, "ws")
    write(os.path.join(ws, "a.kpi"), 'kpi a "A"\n  top-level\n  owner: me\n')
    client = Client(KPI, ws)
    try:
        for name, language in [("README.md", "markdown"), ("tool.py", "python")]:
            client.notify("textDocument/didOpen", {"textDocument": {"uri": "file://%s/%s" % (ws, name), "languageId": language,
                                                                    "version": 1, "text": "# not a plan\nkpi x\n  parent: nowhere\n!!\n"}})
            client.notify("textDocument/didChange", {"textDocument": {"uri": "file://%s/%s" % (ws, name), "version": 2},
                                                     "contentChanges": [{"text": "kpi y\n"}]})
        diagnostics = client.request("textDocument/diagnostic", {"textDocument": {"uri": "file://%s/README.md" % ws}}, timeout=20)
        expect("result" in diagnostics or "error" in diagnostics, "no answer")
        time.sleep(0.5)
        client.request("workspace/symbol", {"query": ""}, timeout=20)
        published = [p["uri"] for m, p in client.notifications if m == "textDocument/publishDiagnostics"]
        expect(not any(u.endswith((".md", ".py")) for u in published), "diagnostics for a non-plan document: %s" % published)
        symbols = client.request("workspace/symbol", {"query": ""}, timeout=20)["result"]
        expect([s["name"] for s in symbols] == ["a"], "KPIs from a non-plan document: %s" % symbols)
    finally:
        client.shutdown()


def case_outside_use_is_logged(base):
    ws, outside = os.path.join(base, "ws"), os.path.join(base, "shared")
    write(os.path.join(outside, "company.kpi"), 'kpi company "Company"\n  top-level\n  owner: CEO\n')
    write(os.path.join(ws, "team.kpi"), 'use "../shared/company.kpi"\nkpi team "Team"\n  parent: company\n  owner: me\n')
    os.symlink("/etc/passwd", os.path.join(ws, "passwd.kpi"))
    client = Client(KPI, ws)
    try:
        diagnostics = client.diagnostics("file://" + os.path.join(ws, "team.kpi"), timeout=60)
        expect(not any(d.get("code") in ("unresolved-use", "unknown-parent") for d in diagnostics), "the shared file: %s" % diagnostics)
        client.request("workspace/symbol", {"query": ""}, timeout=20)
        logs = [p["message"] for m, p in client.notifications if m == "window/logMessage"]
        expect(any("company.kpi" in l and "outside the workspace" in l for l in logs), "not reported in the log: %s" % logs)
        published = [p["uri"] for m, p in client.notifications if m == "textDocument/publishDiagnostics"]
        expect(not any("passwd" in u for u in published), "published for a link to /etc/passwd: %s" % published)
    finally:
        client.shutdown()


# MARK: - kpi fmt

MESSY = 'kpi  a "caf\xe9"\n   owner:  me\n'.encode("latin-1")
CANONICAL = 'kpi a "caf\xe9"\n  owner: me\n'.encode("latin-1")


def case_fmt_keeps_the_file(base):
    expected = {}
    for name, mode in [("m600.kpi", 0o600), ("m400.kpi", 0o400), ("m755.kpi", 0o755), ("m2664.kpi", 0o2664)]:
        path = os.path.join(base, name)
        with open(path, "wb") as f:
            f.write(MESSY)
        if IS_ROOT:
            os.chown(path, 65534, 65534)
        os.chmod(path, mode)
        expected[name] = (mode, 65534 if IS_ROOT else os.getuid(), 65534 if IS_ROOT else os.getgid())
    for name in ["target.kpi", "hard.kpi"]:
        with open(os.path.join(base, name), "wb") as f:
            f.write(MESSY)
    os.symlink("target.kpi", os.path.join(base, "link.kpi"))
    os.link(os.path.join(base, "hard.kpi"), os.path.join(base, "hard2.kpi"))
    with open(os.path.join(base, "canonical.kpi"), "wb") as f:
        f.write(CANONICAL)
    os.utime(os.path.join(base, "canonical.kpi"), (1_000_000_000, 1_000_000_000))
    before = os.stat(os.path.join(base, "canonical.kpi"))
    names = list(expected) + ["link.kpi", "hard.kpi", "canonical.kpi"]
    status, out, err, _ = run(["fmt"] + names, base)
    expect(status == 0, "exit %d: %s" % (status, err))
    expect(out.splitlines() == ["reformatted " + n for n in names[:-1]], "output: %r" % out)
    for name, (mode, uid, gid) in expected.items():
        info = os.stat(os.path.join(base, name))
        expect((stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid) == (mode, uid, gid),
               "%s: mode %o owner %d:%d" % (name, stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid))
    for name in names:
        with open(os.path.join(base, name), "rb") as f:
            expect(f.read() == CANONICAL, "%s is not the canonical text with its Latin-1 byte" % name)
    expect(os.path.islink(os.path.join(base, "link.kpi")), "the symbolic link was replaced")
    expect(os.stat(os.path.join(base, "hard.kpi")).st_ino == os.stat(os.path.join(base, "hard2.kpi")).st_ino, "the hard link was split")
    after = os.stat(os.path.join(base, "canonical.kpi"))
    expect((after.st_ino, after.st_mtime) == (before.st_ino, before.st_mtime), "the canonical file was rewritten")
    expect(not [n for n in os.listdir(base) if "kpi-fmt" in n], "temporary files left: %s" % os.listdir(base))


def case_fmt_reports_every_file(base):
    for name in ["a.kpi", "c.kpi"]:
        with open(os.path.join(base, name), "wb") as f:
            f.write(MESSY)
    status, out, err, _ = run(["fmt", "a.kpi", "missing.kpi", "c.kpi"], base)
    expect(status == 2, "exit status %d" % status)
    expect(out.splitlines() == ["reformatted a.kpi", "reformatted c.kpi"], "stdout: %r" % out)
    expect(err.splitlines() == ["kpi: cannot read missing.kpi: no such file", "kpi: 1 of 3 files could not be formatted"], "stderr: %r" % err)
    for name in ["a.kpi", "c.kpi"]:
        with open(os.path.join(base, name), "rb") as f:
            expect(f.read() == CANONICAL, name + " was not formatted")


def mounted_tmpfs(path, size):
    if not IS_ROOT:
        raise Skip("mounting a small file system needs root")
    os.makedirs(path, exist_ok=True)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s" % size, "tmpfs", path], capture_output=True).returncode != 0:
        raise Skip("cannot mount a tmpfs here")


def case_fmt_full_disk_and_read_only(base):
    disk = os.path.join(base, "disk")
    mounted_tmpfs(disk, "64k")
    try:
        plans = os.path.join(disk, "plans")
        os.makedirs(plans)
        original = b"kpi   q3\n" + b"  # x\n" * 2000     # 12 KB; the temporary copy does not fit once the disk is full
        with open(os.path.join(plans, "q3.kpi"), "wb") as f:
            f.write(original)
        filler = os.open(os.path.join(disk, "filler"), os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(filler, b"\0" * 1024)
        except OSError:
            pass
        os.close(filler)
        status, out, err, _ = run(["fmt", "plans/q3.kpi"], disk)
        expect(status == 2, "full disk: exit %d" % status)
        expect(err.splitlines()[0] == "kpi: cannot write plans/q3.kpi: no space left on device", "full disk: %r" % err)
        with open(os.path.join(plans, "q3.kpi"), "rb") as f:
            expect(f.read() == original, "full disk: the original was changed")
        expect(os.listdir(plans) == ["q3.kpi"], "full disk: left %s" % os.listdir(plans))
        os.remove(os.path.join(disk, "filler"))
        subprocess.run(["mount", "-o", "remount,ro", disk], check=True)
        status, out, err, _ = run(["fmt", "plans/q3.kpi"], disk)
        expect(status == 2 and err.splitlines()[0] == "kpi: cannot write plans/q3.kpi: read-only file system", "read-only: %r" % err)
        with open(os.path.join(plans, "q3.kpi"), "rb") as f:
            expect(f.read() == original, "read-only: the original was changed")
    finally:
        subprocess.run(["umount", disk], capture_output=True)


def case_fmt_killed_mid_write(base):
    need_strace()
    path = os.path.join(base, "q3.kpi")
    with open(path, "wb") as f:
        f.write(MESSY)
    # A leftover of a run killed with SIGKILL (its process is gone) is removed by the next run.
    leftover = os.path.join(base, ".q3.kpi.kpi-fmt-2147483646")
    with open(leftover, "wb") as f:
        f.write(b"half")
    # fsync is held up for 5 s, so the temporary file exists when SIGTERM comes.
    proc = subprocess.Popen([STRACE, "-f", "-qq", "-o", os.devnull, "-e", "trace=fsync", "-e", "inject=fsync:delay_enter=5000000",
                             KPI, "fmt", "q3.kpi"], cwd=base, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    temporary = None
    while time.monotonic() < deadline and temporary is None:
        temporary = next((n for n in os.listdir(base) if n.startswith(".q3.kpi.kpi-fmt-") and n != os.path.basename(leftover)), None)
        time.sleep(0.01)
    expect(temporary is not None, "no temporary file appeared")
    expect(not os.path.exists(leftover), "the leftover of a killed run was not removed")
    pid = int(temporary.rsplit("-", 1)[1])
    os.kill(pid, signal.SIGTERM)
    proc.communicate(timeout=30)
    expect(os.listdir(base) == ["q3.kpi"], "left behind: %s" % os.listdir(base))
    with open(path, "rb") as f:
        expect(f.read() == MESSY, "the original was changed")


def case_fmt_stdin_non_blocking(base):
    read_end, write_end = os.pipe()
    fcntl.fcntl(read_end, fcntl.F_SETFL, fcntl.fcntl(read_end, fcntl.F_GETFL) | os.O_NONBLOCK)
    proc = subprocess.Popen([KPI, "fmt", "-"], stdin=read_end, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    os.close(read_end)
    time.sleep(1.5)
    os.write(write_end, MESSY)
    os.close(write_end)
    out, err = proc.communicate(timeout=20)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    expect(proc.returncode == 0 and out == CANONICAL, "exit %d, output %r, %r" % (proc.returncode, out, err))
    cpu = usage.ru_utime + usage.ru_stime
    expect(cpu < CPU_BEFORE_STDIN[0] + 1.0, "busy-waited: %.1f s of CPU for 1.5 s of waiting" % (cpu - CPU_BEFORE_STDIN[0]))


CPU_BEFORE_STDIN = [0.0]


# MARK: - numbers and hovers

NUMBER_PLANS = {
    "one-day": "plan \"P\"\n  as-of: 2027-01-01\nkpi big \"Big\"\n  top-level\n  owner: me\n  baseline: $10 at 2027-01-01\n  target: $1M by 2027-01-02\n",
    "zero-baseline": "plan \"P\"\n  as-of: 2027-01-01\nkpi zero \"Zero\"\n  top-level\n  owner: me\n  metric: revenue\n  baseline: $0 at 2027-01-01\n  target: +$5K by 2027-12-31\n",
    "same-day": "plan \"P\"\n  as-of: 2027-01-01\nkpi now \"Now\"\n  top-level\n  owner: me\n  baseline: 5 at 2027-01-01\n  target: 10 by 2027-01-01\n",
    "huge": "plan \"P\"\n  as-of: 2027-01-01\nkpi huge \"Huge\"\n  top-level\n  owner: me\n  baseline: 1 at 2026-01-01\n  target: 9" + "9" * 320 + " by 2027-06-30\n  actuals:\n    - 2026-06-30: 1" + "0" * 310 + "\n",
    "negative": "plan \"P\"\n  as-of: 2027-01-01\nkpi neg \"Neg\"\n  top-level\n  owner: me\n  baseline: -$5 at 2026-01-01\n  target: $5 by 2028-01-01\n  actuals:\n    - 2026-06-30: $0\n",
}


def case_no_inf_or_nan(base):
    for name, text in NUMBER_PLANS.items():
        write(os.path.join(base, name + ".kpi"), text)
        status, out, err, _ = run(["check", name + ".kpi"], base)
        expect(not INF_NAN.search(out + err), "%s: kpi check says %s" % (name, INF_NAN.search(out + err).group(0) if INF_NAN.search(out + err) else ""))
        kpi_id = re.search(r"^kpi (\S+)", text, re.M).group(1)
        status, out, err, _ = run(["explain", kpi_id, name + ".kpi"], base)
        expect(status == 0 and not INF_NAN.search(out + err), "%s: kpi explain:\n%s%s" % (name, out, err))
    client = Client(KPI, base)
    try:
        for name, text in NUMBER_PLANS.items():
            uri = "file://%s/%s.kpi" % (base, name)
            client.open(uri, text, 1)
            diagnostics = client.diagnostics(uri, timeout=30)
            lines = text.splitlines()
            answers = [json.dumps(diagnostics)]
            for line in range(len(lines)):
                answers.append(json.dumps(client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": len(lines[line]) - 1}})))
            whole = {"start": {"line": 0, "character": 0}, "end": {"line": len(lines), "character": 0}}
            answers.append(json.dumps(client.request("textDocument/inlayHint", {"textDocument": {"uri": uri}, "range": whole})))
            answers.append(json.dumps(client.request("textDocument/codeLens", {"textDocument": {"uri": uri}})))
            for answer in answers:
                found = INF_NAN.search(answer)
                expect(not found, "%s: the server says %r in %s" % (name, found.group(0) if found else "", answer[:400]))
    finally:
        client.shutdown()


def case_hover_code_spans_hold_amounts(base):
    text = NUMBER_PLANS["zero-baseline"]
    client = Client(KPI, base)
    try:
        uri = "file://%s/zero.kpi" % base
        client.open(uri, text, 1)
        hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 5}})
        value = hover["result"]["contents"]["value"]
        expect("`$0` at 2027-01-01" in value and "`$5,000`, a change of `+$5,000`" in value, "hover: %s" % value)
        expect(not re.search(r"`[^`]*[,.]`", value), "a code span ends with punctuation: %s" % value)
    finally:
        client.shutdown()


def case_rename_that_would_change_a_reference(base):
    write(os.path.join(base, "a.kpi"), 'kpi zeta "Zeta"\n  top-level\n  owner: me\n')
    write(os.path.join(base, "b.kpi"), 'kpi mrr "MRR"\n  top-level\n  owner: me\n')
    write(os.path.join(base, "c.kpi"), 'use "a.kpi"\nuse "b.kpi"\nkpi child "Child"\n  parent: mrr\n  owner: me\n')
    client = Client(KPI, base)
    try:
        client.diagnostics("file://%s/c.kpi" % base, timeout=60)
        answer = client.request("textDocument/rename", {"textDocument": {"uri": "file://%s/a.kpi" % base},
                                                        "position": {"line": 0, "character": 5}, "newName": "mrr"})
        expect("error" in answer and "c.kpi" in answer["error"]["message"] and "b.kpi" in answer["error"]["message"],
               "the rename was not refused: %s" % answer)
    finally:
        client.shutdown()


# MARK: - protocol

def case_integers_round_trip(base):
    client = Client(KPI, base)
    try:
        for id in [9007199254740993, "9007199254740993", -9007199254740993]:
            answer = client.wait_response(client.send_request("workspace/symbol", {"query": ""}, id=id), 20)
            expect(answer["id"] == id and type(answer["id"]) is type(id), "id %r came back as %r" % (id, answer["id"]))
        for data in [2 ** 62, "4611686018427387904", -(2 ** 62)]:
            answer = client.request("completionItem/resolve", {"label": "x", "data": data})
            expect(answer.get("result", {}).get("data") == data and type(answer["result"]["data"]) is type(data),
                   "data %r came back as %s" % (data, answer))
    finally:
        client.shutdown()


def raw_server(stdin_nonblocking=False, stdout_nonblocking=False):
    in_read, in_write = os.pipe()
    out_read, out_write = os.pipe()
    if stdin_nonblocking:
        fcntl.fcntl(in_read, fcntl.F_SETFL, fcntl.fcntl(in_read, fcntl.F_GETFL) | os.O_NONBLOCK)
    if stdout_nonblocking:
        fcntl.fcntl(out_write, fcntl.F_SETFL, fcntl.fcntl(out_write, fcntl.F_GETFL) | os.O_NONBLOCK)
    proc = subprocess.Popen([KPI, "lsp"], stdin=in_read, stdout=out_write, stderr=subprocess.DEVNULL, cwd="/")
    os.close(in_read)
    os.close(out_write)
    return proc, in_write, out_read


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_messages(fd, count, timeout):
    buffer, messages = b"", []
    deadline = time.monotonic() + timeout
    while len(messages) < count and time.monotonic() < deadline:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        buffer += chunk
        while b"\r\n\r\n" in buffer:
            header, _, rest = buffer.partition(b"\r\n\r\n")
            length = int(re.search(rb"Content-Length: (\d+)", header).group(1))
            if len(rest) < length:
                break
            messages.append(json.loads(rest[:length]))
            buffer = rest[length:]
    return messages


INITIALIZE = {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"processId": None, "capabilities": {}, "rootUri": None}}


def case_non_blocking_stdout(base):
    proc, stdin, stdout = raw_server(stdout_nonblocking=True)
    try:
        requests = b"".join(frame({"jsonrpc": "2.0", "id": i, "method": "workspace/symbol", "params": {"query": "x" * 200}}) for i in range(1, 2001))
        os.write(stdin, frame(INITIALIZE) + frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        writer = threading.Thread(target=lambda: os.write(stdin, requests) if True else None, daemon=True)
        writer.start()
        time.sleep(2)   # the pipe fills: writes get EAGAIN
        messages = read_messages(stdout, 2001, 60)
        ids = [m.get("id") for m in messages if "id" in m]
        expect(ids == list(range(0, 2001)), "%d of 2001 responses arrived" % len(ids))
        cpu = sum(int(x) for x in open("/proc/%d/stat" % proc.pid).read().rsplit(")", 1)[1].split()[11:13]) / os.sysconf("SC_CLK_TCK")
        expect(cpu < 20, "the server spun: %.1f s of CPU" % cpu)
    finally:
        proc.kill()
        proc.wait()
        os.close(stdin)
        os.close(stdout)


def case_non_blocking_stdin(base):
    proc, stdin, stdout = raw_server(stdin_nonblocking=True)
    try:
        time.sleep(1)
        expect(proc.poll() is None, "the server exited (status %s) on a non-blocking stdin" % proc.poll())
        os.write(stdin, frame(INITIALIZE))
        messages = read_messages(stdout, 1, 20)
        expect(messages and messages[0].get("id") == 0 and "result" in messages[0], "no answer to initialize: %s" % messages)
        cpu = sum(int(x) for x in open("/proc/%d/stat" % proc.pid).read().rsplit(")", 1)[1].split()[11:13]) / os.sysconf("SC_CLK_TCK")
        expect(cpu < 0.9, "the server spun waiting for input: %.2f s of CPU" % cpu)
    finally:
        proc.kill()
        proc.wait()
        os.close(stdin)
        os.close(stdout)


def case_client_that_never_reads(base):
    proc, stdin, stdout = raw_server()
    try:
        os.write(stdin, frame(INITIALIZE) + frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        time.sleep(0.5)
        start = vm_rss_kb(proc.pid)
        request = lambda i: frame({"jsonrpc": "2.0", "id": i, "method": "workspace/symbol", "params": {"query": "q" * 2000}})
        sent = [0]

        def flood():
            try:
                for i in range(1, 100_001):      # 200 MB of requests, none of whose answers is read
                    os.write(stdin, request(i))
                    sent[0] = i
            except OSError:
                pass
        threading.Thread(target=flood, daemon=True).start()
        peak = start
        for _ in range(40):
            time.sleep(0.1)
            peak = max(peak, vm_rss_kb(proc.pid) or 0)
        expect(sent[0] < 100_000, "the server took every request in (%d) without answering" % sent[0])
        expect(peak - start < 64 * 1024, "VmRSS grew by %d MB while nothing was read" % ((peak - start) // 1024))
        messages = read_messages(stdout, sent[0] + 1, 120)   # drain: the flood then finishes
        time.sleep(0.5)
        end = vm_rss_kb(proc.pid)
        # The queue holds at most 16 MB; the allocator keeps some of its pages (measured: +18 to +24 MB;
        # without the bound it stayed at +236 MB).
        expect(end - start < 40 * 1024, "VmRSS %d MB above the start after draining" % ((end - start) // 1024))
        print("  never-reading client: VmRSS +%d MB at the peak, +%d MB after draining" % ((peak - start) // 1024, (end - start) // 1024))
    finally:
        proc.kill()
        proc.wait()
        os.close(stdin)
        os.close(stdout)


# MARK: - scale

def case_use_chain_is_linear(base):
    times = {}
    for length in [1000, 5000]:
        folder = os.path.join(base, str(length))
        os.makedirs(folder)
        for i in range(length):
            text = ('use "f%d.kpi"\n' % (i + 1) if i + 1 < length else "") + 'kpi k%d "K"\n  %s\n  owner: me\n' % (i, "parent: k%d" % (i + 1) if i + 1 < length else "top-level")
            with open(os.path.join(folder, "f%d.kpi" % i), "w") as f:
                f.write(text)
        started = time.monotonic()
        status, out, err, rss = run(["check", "f0.kpi"], folder, timeout=120)
        times[length] = time.monotonic() - started
        expect(status in (0, 1), "exit %d: %s" % (status, err))
    ratio = times[5000] / max(times[1000], 0.05)
    print("  use chain: 1,000 files %.2f s, 5,000 files %.2f s (×%.1f)" % (times[1000], times[5000], ratio))
    expect(ratio < 10, "5× the files took %.1f× the time (quadratic)" % ratio)


CASES = [
    case_use_names_only_plan_files, case_server_refuses_special_uses, case_pagemap_and_size_cap,
    case_uris_with_dots_read_nothing_outside, case_watched_file_becomes_fifo, case_only_kpi_documents_are_analysed,
    case_outside_use_is_logged,
    case_fmt_keeps_the_file, case_fmt_reports_every_file, case_fmt_full_disk_and_read_only, case_fmt_killed_mid_write,
    case_fmt_stdin_non_blocking,
    case_no_inf_or_nan, case_hover_code_spans_hold_amounts, case_rename_that_would_change_a_reference,
    case_integers_round_trip, case_non_blocking_stdout, case_non_blocking_stdin, case_client_that_never_reads,
    case_use_chain_is_linear,
]
# Rows of the issue that do not hold yet: not in the default run (so CI stays meaningful), run them
# with `--only NAME`. None left: the `use` chain is linear since the goal graph keeps only direct edges.
OPEN = []


def main():
    global KPI
    parser = argparse.ArgumentParser()
    parser.add_argument("--kpi", required=True)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    KPI = os.path.abspath(args.kpi)
    only = [n for n in args.only.split(",") if n]
    passed = failed = skipped = 0
    for case in CASES + OPEN:
        name = case.__name__[len("case_"):]
        if (only and name not in only) or (not only and case in OPEN):
            continue
        base = os.path.realpath(tempfile.mkdtemp(prefix="kpi-security-"))
        if case is case_fmt_stdin_non_blocking:
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            CPU_BEFORE_STDIN[0] = usage.ru_utime + usage.ru_stime
        started = time.monotonic()
        try:
            case(base)
            passed += 1
            print("  ok    %s (%.1fs)" % (name, time.monotonic() - started))
        except Skip as reason:
            skipped += 1
            print("  SKIP  %s: %s" % (name, reason))
        except Exception as error:   # a failed expectation, or the case itself broke: both fail
            failed += 1
            print("  FAIL  %s: %s: %s" % (name, type(error).__name__, str(error)[:1500]))
        finally:
            subprocess.run(["umount", os.path.join(base, "disk")], capture_output=True)
            shutil.rmtree(base, ignore_errors=True)
    print("security: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
    print("RESULT " + json.dumps({"passed": passed, "failed": failed, "skipped": skipped}))
    return 0 if failed == 0 and skipped == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

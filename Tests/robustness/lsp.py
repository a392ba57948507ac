"""A small LSP client for the robustness tests: starts `kpi lsp`, frames messages, reads the
server's output on a thread, answers the server's own requests, and keeps every message it got.

Nothing here knows about KPIs; bad_input.py and load.py build on it."""

import json
import os
import subprocess
import threading
import time


class ServerDied(Exception):
    pass


class Timeout(Exception):
    pass


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def encode(message) -> bytes:
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Client:
    def __init__(self, kpi, workspace=None, stderr_path=None, capabilities=None, env=None,
                 prefix=None, initialize=True, init_options=None):
        self.kpi = kpi
        self.workspace = workspace
        self.stderr_path = stderr_path or os.devnull
        self._stderr = open(self.stderr_path, "wb")
        command = (prefix or []) + [kpi, "lsp"]
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self._stderr, cwd=workspace or "/", env=env, bufsize=0)
        self.pid = self.proc.pid
        self.lock = threading.Condition()
        self.responses = {}          # id → [message, ...] (more than one is a bug)
        self.response_order = []     # ids in the order their responses arrived
        self.null_id_errors = []     # error responses with "id": null
        self.notifications = []      # (method, params)
        self.server_requests = []    # (method, params)
        self.unparsable = 0          # bodies that were not JSON
        self.closed = False
        self.next_id = 1
        self.write_lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        if initialize:
            params = {"processId": os.getpid(), "capabilities": capabilities or {},
                      "rootUri": "file://" + workspace if workspace else None,
                      "workspaceFolders": [{"uri": "file://" + workspace, "name": "ws"}] if workspace else None}
            if init_options is not None:
                params["initializationOptions"] = init_options
            self.request("initialize", params, timeout=30)
            self.notify("initialized", {})

    # MARK: reading

    def _read(self):
        out = self.proc.stdout
        buffer = b""
        try:
            while True:
                while b"\r\n\r\n" not in buffer:
                    chunk = out.read(1 << 16)
                    if not chunk:
                        raise EOFError
                    buffer += chunk
                header, _, buffer = buffer.partition(b"\r\n\r\n")
                length = None
                for line in header.split(b"\r\n"):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip())
                if length is None:
                    raise ValueError("server sent a header without Content-Length: %r" % header)
                while len(buffer) < length:
                    chunk = out.read(max(1 << 16, length - len(buffer)))
                    if not chunk:
                        raise EOFError
                    buffer += chunk
                body, buffer = buffer[:length], buffer[length:]
                self._dispatch(body)
        except (EOFError, ValueError, OSError):
            pass
        with self.lock:
            self.closed = True
            self.lock.notify_all()

    def _dispatch(self, body):
        try:
            message = json.loads(body)
        except ValueError:
            with self.lock:
                self.unparsable += 1
            return
        if "method" in message and "id" in message:
            self.server_requests.append((message["method"], message.get("params")))
            result = None
            if message["method"] == "workspace/configuration":
                result = [None for _ in message.get("params", {}).get("items", [])]
            self.send({"jsonrpc": "2.0", "id": message["id"], "result": result})
            return
        with self.lock:
            if "method" in message:
                self.notifications.append((message["method"], message.get("params")))
            elif message.get("id") is None:
                self.null_id_errors.append(message)
            else:
                key = json.dumps(message["id"])
                self.responses.setdefault(key, []).append(message)
                self.response_order.append(message["id"])
            self.lock.notify_all()

    # MARK: writing

    def send_raw(self, data: bytes):
        with self.write_lock:
            try:
                self.proc.stdin.write(data)
                self.proc.stdin.flush()
            except (BrokenPipeError, OSError):
                raise ServerDied("the server closed its input (exit status %s)" % self.proc.poll())

    def send(self, message):
        self.send_raw(frame(encode(message)))

    def notify(self, method, params=None):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def new_id(self):
        with self.lock:
            value = self.next_id
            self.next_id += 1
        return value

    def send_request(self, method, params=None, id=None):
        id = self.new_id() if id is None else id
        message = {"jsonrpc": "2.0", "id": id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return id

    def wait_response(self, id, timeout=20.0):
        key = json.dumps(id)
        deadline = time.monotonic() + timeout
        with self.lock:
            while key not in self.responses:
                if self.closed:
                    raise ServerDied("the server exited (status %s) before answering %s" % (self.proc.poll(), id))
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise Timeout("no answer to request %s within %.0fs" % (id, timeout))
                self.lock.wait(min(remaining, 0.5))
            return self.responses[key][0]

    def request(self, method, params=None, timeout=20.0):
        return self.wait_response(self.send_request(method, params), timeout)

    def wait_for(self, predicate, timeout=20.0, start=0):
        """Waits for a notification (method, params) satisfying predicate, from index `start`."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                for method, params in self.notifications[start:]:
                    if predicate(method, params):
                        return method, params
                if self.closed:
                    raise ServerDied("the server exited (status %s)" % self.proc.poll())
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise Timeout("no matching notification within %.0fs" % timeout)
                self.lock.wait(min(remaining, 0.5))

    def mark(self):
        with self.lock:
            return len(self.notifications), len(self.null_id_errors)

    def wait_null_errors(self, count, since, timeout=20.0):
        deadline = time.monotonic() + timeout
        with self.lock:
            while len(self.null_id_errors) - since < count:
                if self.closed:
                    raise ServerDied("the server exited (status %s)" % self.proc.poll())
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise Timeout("expected %d error responses with id null, got %d" % (count, len(self.null_id_errors) - since))
                self.lock.wait(min(remaining, 0.5))
            return self.null_id_errors[since:]

    def diagnostics(self, uri, since=0, timeout=20.0, version=None):
        """The next publishDiagnostics for uri after notification index `since`."""
        def match(method, params):
            return method == "textDocument/publishDiagnostics" and params["uri"] == uri and \
                (version is None or params.get("version") == version)
        return self.wait_for(match, timeout, since)[1]["diagnostics"]

    # MARK: documents

    def open(self, uri, text, version=1):
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "kpi", "version": version, "text": text}})

    def change(self, uri, version, changes):
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes})

    # MARK: the end

    def alive(self):
        return self.proc.poll() is None

    def shutdown(self, timeout=20.0):
        """shutdown + exit; returns the exit status (None if it did not exit)."""
        try:
            self.request("shutdown", None, timeout=timeout)
            self.notify("exit")
        except (ServerDied, Timeout):
            pass
        return self.wait_exit(timeout)

    def wait_exit(self, timeout=20.0):
        try:
            status = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            status = None
        self.reader.join(5)
        self._stderr.close()
        return status

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._stderr.close()


def vm_rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None

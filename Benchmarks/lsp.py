"""A small LSP client for the benchmark: starts a server process, speaks JSON-RPC with
Content-Length framing over its pipes as an editor does, answers the server's own requests
(workspace/configuration, window/workDoneProgress/create, client/registerCapability), and
timestamps every message it receives on a reader thread."""
import json
import os
import queue
import subprocess
import threading
import time

now = time.perf_counter


class Client:
    def __init__(self, argv, cwd=None, env=None, stderr_path=None):
        self.stderr_file = open(stderr_path, "wb") if stderr_path else subprocess.DEVNULL
        self.started = now()
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr_file,
                                     cwd=cwd, env=env, bufsize=0)
        self.pid = self.proc.pid
        self.next_id = 1
        self.folders = []            # what workspace/workspaceFolders answers
        self.lock = threading.Lock()
        self.responses = {}          # id -> (time, message)
        self.response_ready = threading.Condition(self.lock)
        self.notifications = queue.Queue()   # (time, message) of notifications
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    # -- transport --------------------------------------------------------------

    @staticmethod
    def _encode(message):
        body = json.dumps(message, separators=(",", ":")).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    def _send(self, message):
        self.proc.stdin.write(self._encode(message))

    def _read(self):
        stream = self.proc.stdout
        buffer = b""
        while True:
            while b"\r\n\r\n" not in buffer:
                chunk = os.read(stream.fileno(), 1 << 20)
                if not chunk:
                    self.notifications.put((now(), None))
                    return
                buffer += chunk
            header, _, buffer = buffer.partition(b"\r\n\r\n")
            length = 0
            for line in header.split(b"\r\n"):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            while len(buffer) < length:
                chunk = os.read(stream.fileno(), max(1 << 20, length - len(buffer)))
                if not chunk:
                    self.notifications.put((now(), None))
                    return
                buffer += chunk
            body, buffer = buffer[:length], buffer[length:]
            at = now()
            message = json.loads(body)
            message["_bytes"] = length
            if "method" in message and "id" in message:
                self._answer_server_request(message)
            elif "method" in message:
                self.notifications.put((at, message))
            else:
                with self.lock:
                    self.responses[message.get("id")] = (at, message)
                    self.response_ready.notify_all()

    def _answer_server_request(self, message):
        method = message["method"]
        if method == "workspace/configuration":
            result = [None for _ in message.get("params", {}).get("items", [])]
        elif method == "workspace/workspaceFolders":
            result = self.folders
        else:
            result = None
        with self.lock:
            self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})

    # -- API ----------------------------------------------------------------------

    def request(self, method, params, timeout=600):
        """Sends a request and waits for its answer: (seconds, response message)."""
        with self.lock:
            rid = self.next_id
            self.next_id += 1
            data = self._encode({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
            sent = now()   # after encoding: the client's own JSON work is not the server's latency
            self.proc.stdin.write(data)
            deadline = sent + timeout
            while rid not in self.responses:
                left = deadline - now()
                if left <= 0:
                    raise TimeoutError(f"{method}: no answer in {timeout} s")
                self.response_ready.wait(left)
            at, message = self.responses.pop(rid)
        return at - sent, message

    def send_request_async(self, method, params):
        with self.lock:
            rid = self.next_id
            self.next_id += 1
            self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return rid

    def wait_response(self, rid, timeout=600):
        with self.lock:
            deadline = now() + timeout
            while rid not in self.responses:
                left = deadline - now()
                if left <= 0:
                    raise TimeoutError(f"no answer to {rid} in {timeout} s")
                self.response_ready.wait(left)
            return self.responses.pop(rid)

    def notify(self, method, params):
        data = self._encode({"jsonrpc": "2.0", "method": method, "params": params})
        with self.lock:
            sent = now()
            self.proc.stdin.write(data)
        return sent

    def next_notification(self, timeout):
        try:
            return self.notifications.get(timeout=timeout)
        except queue.Empty:
            return None

    def drain(self, quiet=0.3, limit=60):
        """Reads notifications until none arrives for `quiet` seconds; returns them."""
        out = []
        end = now() + limit
        while now() < end:
            item = self.next_notification(quiet)
            if item is None:
                break
            out.append(item)
        return out

    def vm_hwm_kb(self):
        """Peak resident memory of the server process (VmHWM), in KiB."""
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def vm_rss_kb(self):
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def close(self):
        try:
            self.request("shutdown", None, timeout=30)
            self.notify("exit", None)
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
        except Exception:
            self.proc.kill()
            self.proc.wait()
        if self.stderr_file is not subprocess.DEVNULL:
            self.stderr_file.close()


CLIENT_CAPABILITIES = {
    "general": {"positionEncodings": ["utf-16"]},
    "workspace": {
        "configuration": True,
        "workspaceFolders": True,
        "didChangeWatchedFiles": {"dynamicRegistration": True},
        "didChangeConfiguration": {"dynamicRegistration": True},
    },
    "window": {"workDoneProgress": True},
    "textDocument": {
        "synchronization": {"didSave": True, "dynamicRegistration": True},
        "publishDiagnostics": {"relatedInformation": True, "versionSupport": True},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
        # As VS Code asks for completion: documentation resolved when an item is shown, and what
        # every item shares given once for the list (LSP 3.17).
        "completion": {"completionItem": {"snippetSupport": True,
                                          "resolveSupport": {"properties": ["documentation", "detail", "additionalTextEdits"]}},
                       "completionList": {"itemDefaults": ["commitCharacters", "editRange", "insertTextFormat",
                                                           "insertTextMode", "data"]}},
        "definition": {},
        "references": {},
    },
}


def uri(path):
    return "file://" + os.path.abspath(path)

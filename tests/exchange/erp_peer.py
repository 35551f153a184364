"""An ERP's HTTP endpoint on 127.0.0.1 that records the batches posted to it."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Posted:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class ErpState:
    posted: list[Posted] = field(default_factory=list)
    answer_status: int = 200
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        state: ErpState = self.server.state
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with state.lock:
            state.posted.append(
                Posted(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
        self.send_response(state.answer_status)
        self.send_header("Content-Length", "0")
        self.end_headers()


class ErpPeer:
    """`with ErpPeer() as erp:` listens on erp.url until the block ends."""

    def __init__(self) -> None:
        self.state = ErpState()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.state = self.state

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/agir/batches"

    def __enter__(self) -> ErpPeer:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

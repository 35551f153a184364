"""Real HTTP peers on 127.0.0.1 for the notification tests: an SMS gateway (AGIR's generic
JSON format and Twilio's REST shape) and a call API. Each counts every request it receives
(`received`, per idempotency key), and delivers one message per key (`accepted`), as the
generic format's contract says a gateway must; it can post a signed delivery report back to
AGIR."""

from __future__ import annotations

import base64
import json
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from agir.notify import reports


@dataclass
class Call:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)

    def form(self) -> dict[str, str]:
        return dict(urllib.parse.parse_qsl(self.body.decode()))


@dataclass
class GatewayState:
    calls: list[Call] = field(default_factory=list)
    # Every request received, per idempotency key: copies are counted, not dropped.
    received: Counter[str] = field(default_factory=Counter)
    # Idempotency key -> the id answered the first time: what the gateway delivers (once a key).
    accepted: dict[str, str] = field(default_factory=dict)
    duplicates: int = 0
    # Called with each request once it is counted, before the gateway answers (a test's hook:
    # look at the database as the request arrives, or kill the sender there).
    on_call: Callable[[Call], None] | None = None
    answer_status: int = 0  # non-zero: refuse every call with this HTTP status
    report: str = ""  # "delivered" or "failed": post a signed report back after accepting
    report_reason: str = ""
    secret: str = ""
    twilio_token: str = ""
    reports_sent: list[int] = field(default_factory=list)
    delay: float = 0.0  # seconds to take before answering (a provider under load)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_POST(self) -> None:
        state = self.server.state
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if state.delay:
            time.sleep(state.delay)
        call = Call(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
        key = call.headers.get("idempotency-key", "")
        with state.lock:
            state.calls.append(call)
            state.received[key] += 1
        if state.on_call is not None:
            state.on_call(call)
        if state.answer_status:
            self._answer(state.answer_status, {"error": "refused by the test gateway"})
            return
        twilio = "/Messages.json" in self.path
        with state.lock:
            if key and key in state.accepted:
                state.duplicates += 1
                self._answer(200, _id_body(state.accepted[key], twilio))
                return
            message_id = f"{'SM' if twilio else 'msg-'}{len(state.accepted) + 1:06d}"
            if key:
                state.accepted[key] = message_id
        self._answer(201, _id_body(message_id, twilio))
        if state.report:
            threading.Thread(target=_report_back, args=(state, call, message_id, twilio)).start()

    def _answer(self, status: int, data: dict) -> None:
        payload = json.dumps(data).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the sender was killed while waiting for the answer (the kill tests)


def _id_body(message_id: str, twilio: bool) -> dict:
    return {"sid": message_id, "status": "queued"} if twilio else {"id": message_id}


def _report_back(state: GatewayState, call: Call, message_id: str, twilio: bool) -> None:
    if twilio:
        form = call.form()
        url = form["StatusCallback"]
        params = {
            "MessageSid": message_id,
            "MessageStatus": "delivered" if state.report == "delivered" else "undelivered",
            "ErrorCode": "" if state.report == "delivered" else "30003",
        }
        body = urllib.parse.urlencode(params).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": reports.twilio_signature(url, params, state.twilio_token),
        }
    else:
        data = call.json()
        url = data.get("status_callback")
        body = json.dumps(
            {
                "id": message_id,
                "reference": data.get("reference"),
                "status": state.report,
                "reason": state.report_reason,
            }
        ).encode()
        headers = {
            "Content-Type": "application/json",
            "X-AGIR-Signature": reports.sign(body, state.secret),
        }
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            state.reports_sent.append(response.status)
    except urllib.error.HTTPError as error:
        state.reports_sent.append(error.code)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: GatewayState) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state


class HttpPeer:
    """`with HttpPeer() as peer:` serves on peer.url until the block ends."""

    def __init__(self) -> None:
        self.state = GatewayState()
        self.server = _Server(self.state)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> HttpPeer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def calls(self) -> list[Call]:
        return self.state.calls


def basic_auth(header: str) -> tuple[str, str]:
    user, _, password = base64.b64decode(header.split(" ", 1)[1]).decode().partition(":")
    return user, password

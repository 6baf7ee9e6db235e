"""A real HTTP proxy on 127.0.0.1 in front of the relay that answers chosen requests itself.

It forwards everything unchanged (the Host header too, so signatures still verify)
except requests a rule picks, which get a 5xx or a body that is not the relay's JSON:
what a broken reverse proxy or an overloaded relay looks like to the client.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

Rule = Callable[[str, str], tuple[int, bytes] | None]


@dataclass
class FaultyProxy:
    """`rule(method, path)` returns (status, body) to answer itself, or None to forward."""

    upstream: str
    rule: Rule
    hits: list[str] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> FaultyProxy:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: object) -> None:  # nothing on stderr
                return

            def _handle(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                answer = proxy.rule(self.command, self.path)
                if answer is not None:
                    proxy.hits.append(f"{self.command} {self.path.split('?')[0]}")
                    status, content = answer
                    self.send_response(status)
                    self.send_header("content-type", "text/html")
                    self.send_header("content-length", str(len(content)))
                    self.end_headers()
                    self.wfile.write(content)
                    return
                headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
                upstream = httpx.request(
                    self.command,
                    proxy.upstream + self.path,
                    headers=headers,
                    content=body,
                    timeout=30,
                )
                self.send_response(upstream.status_code)
                for key, value in upstream.headers.items():
                    if key.lower() not in {"content-length", "transfer-encoding", "connection"}:
                        self.send_header(key, value)
                self.send_header("content-length", str(len(upstream.content)))
                self.end_headers()
                self.wfile.write(upstream.content)

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

"""A static server for benchmarks that serves a built site the way GitHub Pages does.

Text files are gzip-compressed when the client accepts it, every response may be cached for 10 minutes
(`Cache-Control: max-age=600`), and a missing path gets the site's 404.html with status 404. Lighthouse
measures transfer sizes and caching, so serving with Python's plain http.server would measure the wrong site.

    with GzipSiteServer(Path("site")) as server:
        print(server.url("engineering/"))
"""

from __future__ import annotations

import functools
import gzip
import mimetypes
import sys
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".xsl", ".svg", ".txt", ".map", ".ipynb"}
CACHE_CONTROL = "max-age=600"  # GitHub Pages' lifetime


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path, mtime_ns: int) -> bytes:  # mtime_ns in the key: a rebuilt file is compressed again
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class _GzipHandler(SimpleHTTPRequestHandler):
    def do_GET(self):
        self._serve(send_body=True)

    def do_HEAD(self):
        self._serve(send_body=False)

    def _serve(self, send_body: bool) -> None:
        file = self._existing_file()
        if file is None:  # a folder without its trailing slash (redirect) or a missing path (404): the base class
            return super().do_GET() if send_body else super().do_HEAD()
        self._send_file(file, HTTPStatus.OK, send_body)

    def _existing_file(self) -> Path | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        return path if path.is_file() else None

    def send_error(self, code, message=None, explain=None):
        not_found_page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not not_found_page.is_file():
            return super().send_error(code, message, explain)
        self._send_file(not_found_page, HTTPStatus.NOT_FOUND, self.command != "HEAD")

    def _send_file(self, file: Path, status: HTTPStatus, send_body: bool) -> None:
        compress = file.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        body = _gzipped(file, file.stat().st_mtime_ns) if compress else file.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", _content_type(file))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.send_header("Vary", "Accept-Encoding")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 (the base class names it so)
        pass


def _content_type(file: Path) -> str:
    kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind.endswith(("javascript", "json")) else kind


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exception(), ConnectionError):  # Lighthouse closes pages mid-response: normal
            super().handle_error(request, client_address)


class GzipSiteServer:
    """Serves `root` on 127.0.0.1 (a free port) from a daemon thread while the `with` block runs. The port is
    known on entry, before `root` needs to exist, so a build can use the served address as its site_url."""

    def __init__(self, root: Path):
        root.mkdir(parents=True, exist_ok=True)
        handler = functools.partial(_GzipHandler, directory=str(root))
        self._httpd = _QuietServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="gzip-site-server", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_port}/"

    def url(self, path: str) -> str:
        return self.base_url + path.lstrip("/")

    def __enter__(self) -> GzipSiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

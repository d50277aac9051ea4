"""Serve a built site on 127.0.0.1 in a background thread.

Like GitHub Pages, it serves the site under the path of ``site_url`` (e.g.
``/dlcompare/``, so root-relative links such as those of ``404.html`` work and
wrong ones fail), answers text files gzip-compressed when the browser asks for
it, and unknown paths with the site's own ``404.html`` and status 404: page
weights and Lighthouse scores measured here match what readers get.
"""

from __future__ import annotations

import gzip
import threading
from functools import lru_cache, partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

#: Content types GitHub Pages compresses (by extension of the served file).
COMPRESSIBLE = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map", ".md"})


@lru_cache(maxsize=512)
def _gzipped(path: str, mtime_ns: int) -> bytes:  # mtime in the key: a rebuilt file is re-read
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class _Handler(SimpleHTTPRequestHandler):
    gzip_enabled = True
    base_path = "/"

    def translate_path(self, path: str) -> str:
        # Outside base_path nothing exists (a path the directory listing never has).
        bare = path.split("?", 1)[0].split("#", 1)[0]
        if not bare.startswith(self.base_path) and bare + "/" != self.base_path:
            return str(Path(self.directory) / ".outside-base-path" / "missing")
        return super().translate_path("/" + path[len(self.base_path) :])

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: tests report what matters

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self) -> Any:  # io.BytesIO-like, or None after an error/redirect
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the stdlib's redirect to the slash URL
            path = path / "index.html"
        if not path.is_file():
            return self._send_not_found()
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.gzip_enabled and accepts_gzip and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = _gzipped(str(path), path.stat().st_mtime_ns)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _BytesFile(body)

    def _send_not_found(self) -> _BytesFile:
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.is_file() else b"Not found"
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _BytesFile(body)


class _BytesFile:
    """The file-like object ``SimpleHTTPRequestHandler.copyfile`` reads from."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._done = False

    def read(self, size: int = -1) -> bytes:
        if self._done:
            return b""
        self._done = True
        return self._data

    def close(self) -> None:
        pass


def base_path_for(site_url: str | None) -> str:
    """The path a site is served under: ``https://x.github.io/proj/`` -> ``/proj/``."""
    path = urlsplit(site_url or "/").path.strip("/")
    return f"/{path}/" if path else "/"


class SiteServer:
    """``with SiteServer(site_dir) as server: server.url("examples/cnn/")``."""

    def __init__(
        self,
        root: Path,
        *,
        base_path: str = "/",
        host: str = "127.0.0.1",
        port: int = 0,
        compress: bool = True,
    ) -> None:
        self.root = Path(root)
        if not (self.root / "index.html").is_file():
            raise FileNotFoundError(
                f"{self.root} has no index.html: build the site first (make build)"
            )
        self.base_path = base_path_for(base_path)
        handler = type(
            "Handler", (_Handler,), {"gzip_enabled": compress, "base_path": self.base_path}
        )
        self._httpd = ThreadingHTTPServer((host, port), partial(handler, directory=str(self.root)))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name="site-server", daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        return f"http://{host}:{port}{self.base_path}"

    def url(self, path: str = "") -> str:
        """Absolute URL of a site path such as ``examples/cnn/``."""
        return self.base_url + path.lstrip("/")

    def start(self) -> SiteServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    """``python -m dlcompare.site.serve SITE_DIR [--port N]``: serve until Ctrl-C."""
    import argparse
    import time

    parser = argparse.ArgumentParser(
        description="Serve a built site on 127.0.0.1 (gzip like GitHub Pages)."
    )
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--base-path", default="/", help="serve under this path, e.g. /dlcompare/")
    args = parser.parse_args(argv)
    with SiteServer(args.site_dir, port=args.port, base_path=args.base_path) as server:
        print(f"serving {args.site_dir} at {server.base_url} (Ctrl-C stops)")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

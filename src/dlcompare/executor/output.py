"""Capped buffers for a program's output: runner memory stays flat whatever it prints.

stdout keeps its *head* (the page shows the beginning of a program's output);
stderr keeps its *tail* (the traceback that explains a failure is at the end).
Both count every byte, so a client can say how much was cut.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Bytes of stdout kept (the head); the snippet records keep less still.
STDOUT_CAP = 64 * 1024
#: Bytes of stderr kept (the tail).
STDERR_CAP = 16 * 1024


@dataclass
class CappedStream:
    """Keeps ``cap`` bytes of a stream, from its start (``keep="head"``) or its end."""

    cap: int
    keep: str = "head"  # "head" | "tail"
    total: int = 0
    _buffer: bytearray = field(default_factory=bytearray)

    def feed(self, chunk: bytes) -> None:
        self.total += len(chunk)
        if self.keep == "head":
            room = self.cap - len(self._buffer)
            if room > 0:
                self._buffer += chunk[:room]
            return
        self._buffer += chunk[-self.cap :]
        # Trim lazily (at twice the cap) so a stream of small writes costs O(n) overall.
        if len(self._buffer) > 2 * self.cap:
            del self._buffer[: len(self._buffer) - self.cap]

    @property
    def data(self) -> bytes:
        if self.keep == "tail":
            return bytes(self._buffer[-self.cap :])
        return bytes(self._buffer)

    @property
    def truncated_bytes(self) -> int:
        return self.total - len(self.data)

    def text(self) -> str:
        return self.data.decode("utf-8", errors="replace")

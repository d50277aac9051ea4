"""Loaded by every example program the runner starts (via PYTHONPATH).

It adds three things without changing the program itself:

* a second network guard (the first is the sandbox's own network namespace):
  ``connect`` to anything but loopback raises ``OSError`` saying the sandbox blocks
  it, and each attempt is logged to ``$DLCOMPARE_NETWORK_LOG`` so the runner can
  name the cause even when the program swallows the error;
* a warning log: every warning the interpreter shows is appended as a JSON line to
  ``$DLCOMPARE_WARNINGS_FILE`` (the runner applies its allowlist afterwards);
* a device probe: at exit, the frameworks already imported are asked whether a GPU
  really held memory, and the answer is appended to ``$DLCOMPARE_PROBE_FILE``.

It must never break a program, so every hook swallows its own errors.
"""

from __future__ import annotations

import atexit
import contextlib
import ipaddress
import json
import os
import socket
import sys
import warnings
from pathlib import Path
from typing import Any

_WARNINGS_FILE = os.environ.get("DLCOMPARE_WARNINGS_FILE")
_PROBE_FILE = os.environ.get("DLCOMPARE_PROBE_FILE")
_NETWORK_LOG = os.environ.get("DLCOMPARE_NETWORK_LOG")


def _append(path: str | None, payload: dict[str, Any]) -> None:
    if not path:
        return
    try:
        with Path(path).open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(payload) + "\n")
    except OSError:
        pass


# --- network guard -----------------------------------------------------------------
def _is_local(address: object) -> bool:
    if not isinstance(address, tuple) or not address:
        return True  # AF_UNIX paths and the like
    host = str(address[0])
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%", maxsplit=1)[0]).is_loopback
    except ValueError:
        return False  # a host name other than localhost means DNS, i.e. the network


if os.environ.get("DLCOMPARE_NETWORK") != "allow":
    _connect = socket.socket.connect
    _connect_ex = socket.socket.connect_ex

    def _refuse(address: object) -> OSError:
        _append(_NETWORK_LOG, {"address": repr(address)})
        return OSError(f"network access to {address!r} is blocked by the dlcompare sandbox")

    def _guarded_connect(self: socket.socket, address: Any) -> None:
        if not _is_local(address):
            raise _refuse(address)
        return _connect(self, address)

    def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
        if not _is_local(address):
            raise _refuse(address)
        return _connect_ex(self, address)

    socket.socket.connect = _guarded_connect  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign,assignment]


# --- warning log -------------------------------------------------------------------
# Patching ``_showwarnmsg`` rather than ``showwarning`` keeps the log working when a
# library (absl, logging.captureWarnings) replaces ``showwarning`` with its own.
_original_showwarnmsg = warnings._showwarnmsg  # type: ignore[attr-defined]


def _logging_showwarnmsg(msg: warnings.WarningMessage) -> None:
    with contextlib.suppress(Exception):  # logging must never break the program
        _append(
            _WARNINGS_FILE,
            {
                "category": msg.category.__name__,
                "message": str(msg.message),
                "filename": str(msg.filename),
                "lineno": int(msg.lineno or 0),
            },
        )
    _original_showwarnmsg(msg)


warnings._showwarnmsg = _logging_showwarnmsg  # type: ignore[attr-defined]


# --- device probe ------------------------------------------------------------------
def _probe() -> dict[str, Any]:
    found: dict[str, dict[str, Any]] = {}
    torch = sys.modules.get("torch")
    if torch is not None and hasattr(torch, "cuda"):
        info: dict[str, Any] = {"gpu_used": False}
        try:
            if torch.cuda.is_available() and torch.cuda.is_initialized():
                count = torch.cuda.device_count()
                info["gpu_used"] = any(torch.cuda.max_memory_allocated(i) > 0 for i in range(count))
                info["gpu_name"] = torch.cuda.get_device_name(0)
        except Exception as exc:
            info["error"] = repr(exc)
        found["torch"] = info
    tf = sys.modules.get("tensorflow")
    if tf is not None and hasattr(tf, "config"):
        info = {"gpu_used": False}
        try:
            gpus = tf.config.list_physical_devices("GPU")
            if gpus:
                peak = tf.config.experimental.get_memory_info("GPU:0").get("peak", 0)
                info["gpu_used"] = peak > 0
                details = tf.config.experimental.get_device_details(gpus[0])
                info["gpu_name"] = details.get("device_name", "GPU")
        except Exception as exc:
            info["error"] = repr(exc)
        found["tensorflow"] = info
    jax = sys.modules.get("jax")
    if jax is not None and hasattr(jax, "devices"):
        info = {"gpu_used": False}
        try:
            device = jax.devices()[0]
            if device.platform == "gpu":
                stats = device.memory_stats() or {}
                info["gpu_used"] = stats.get("peak_bytes_in_use", 0) > 0
                info["gpu_name"] = getattr(device, "device_kind", "GPU")
        except Exception as exc:
            info["error"] = repr(exc)
        found["jax"] = info
    return {"pid": os.getpid(), "frameworks": found}


def _write_probe() -> None:
    with contextlib.suppress(Exception):
        _append(_PROBE_FILE, _probe())


if _PROBE_FILE:
    atexit.register(_write_probe)

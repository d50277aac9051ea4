"""Loaded by every example program the runner starts (via PYTHONPATH).

It adds four things without changing the program itself:

* a second network guard (the first is the sandbox's own network namespace):
  ``connect`` to anything but loopback raises ``OSError`` saying the sandbox blocks
  it, and each attempt is logged to ``$DLCOMPARE_NETWORK_LOG`` so the runner can
  name the cause even when the program swallows the error;
* a warning log: every warning the interpreter shows is appended as a JSON line to
  ``$DLCOMPARE_WARNINGS_FILE`` with the program line that led to it (the runner
  applies its allowlist afterwards);
* a loss guard: probabilities passed to a loss that expects logits (or the reverse)
  are logged to the same file, like a warning;
* a device probe: at exit, the frameworks already imported are asked whether a GPU
  really held memory, and the answer is appended to ``$DLCOMPARE_PROBE_FILE``, with
  which of the framework modules named in ``$DLCOMPARE_PROBE_MODULES`` were imported
  and the backend Keras ran on (the runner's skip guard reads both).

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
import types
import warnings
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
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
# Each warning also records ``program_line``: the innermost frame of the program's
# own file on the stack when it fired. A library's ``stacklevel`` charges a warning
# to its own code (Keras' ``input_shape=`` warning names keras' dense.py), but the
# reader's question is "which line of the example led to this?".
_original_showwarnmsg = warnings._showwarnmsg  # type: ignore[attr-defined]
# The runner names the program (repository-relative) in $DLCOMPARE_PROGRAM; without
# it (notebook kernels, benchmarks) no frame is the program's and program_line is None.
_PROGRAM = os.environ.get("DLCOMPARE_PROGRAM", "").strip("/")


def _is_program_file(filename: str) -> bool:
    if not _PROGRAM or not filename.endswith(_PROGRAM):
        return False
    path = os.path.realpath(filename).replace(os.sep, "/")
    return path == _PROGRAM or path.endswith("/" + _PROGRAM)


def _program_line() -> int | None:
    """Line of the innermost program frame on the current stack (None: no such frame)."""
    frame: types.FrameType | None = sys._getframe(1)
    seen: dict[str, bool] = {}
    while frame is not None:
        name = frame.f_code.co_filename
        if name not in seen:
            seen[name] = _is_program_file(name)
        if seen[name]:
            return frame.f_lineno
        frame = frame.f_back
    return None


def _logging_showwarnmsg(msg: warnings.WarningMessage) -> None:
    with contextlib.suppress(Exception):  # logging must never break the program
        _append(
            _WARNINGS_FILE,
            {
                "category": msg.category.__name__,
                "message": str(msg.message),
                "filename": str(msg.filename),
                "lineno": int(msg.lineno or 0),
                "program_line": _program_line(),
            },
        )
    _original_showwarnmsg(msg)


warnings._showwarnmsg = _logging_showwarnmsg  # type: ignore[attr-defined]


# --- loss guard ----------------------------------------------------------------------
# The classic silent bug: a loss that expects logits receives probabilities (softmax
# before ``CrossEntropyLoss``, or ``from_logits=True`` after a softmax layer), or the
# reverse. Training still runs, just worse, so nothing fails. The guard wraps the loss
# functions once their module is imported (never importing a framework itself),
# checks the first few calls only, and logs a finding like a warning, with the
# program line, so the warnings policy fails the run. Any error in a check is
# swallowed: the guard must never change what a program does.
_LOSS_CHECKS = 20
_loss_calls = [0]
_in_keras_loss = [0]  # Keras' torch backend calls torch's loss: check only once
PROBABILITIES_AS_LOGITS = "ProbabilitiesAsLogits"
LOGITS_AS_PROBABILITIES = "LogitsAsProbabilities"


def _rows(values: object, axis: int) -> tuple[bool, bool] | None:
    """(every value in [0, 1], rows sum to 1 within 1e-4) of a concrete array, or None."""
    import numpy as np

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if hasattr(values, "detach"):  # torch: never go through __array__
            array = values.detach().float().cpu().numpy()
        else:
            array = np.asarray(values)  # raises for tracers and symbolic tensors
    if array.ndim < 2 or array.shape[axis] < 2 or array.dtype.kind != "f" or not array.size:
        return None
    in_unit = bool(array.min() >= 0.0 and array.max() <= 1.0)
    sums_to_one = bool(np.abs(array.sum(axis=axis) - 1.0).max() < 1e-4)
    return in_unit, sums_to_one


def _loss_finding(category: str, message: str) -> None:
    _append(
        _WARNINGS_FILE,
        {
            "category": category,
            "message": message,
            "filename": "dlcompare loss guard",
            "lineno": 0,
            "program_line": _program_line(),
        },
    )


def _compiling() -> bool:
    """Inside torch.compile's tracing the guard must be invisible (no graph break)."""
    torch = sys.modules.get("torch")
    compiler = getattr(torch, "compiler", None)
    return bool(compiler is not None and compiler.is_compiling())


def _check_loss(values: object, axis: int, expects_logits: bool, name: str) -> None:
    if _compiling() or _loss_calls[0] >= _LOSS_CHECKS:
        return
    _loss_calls[0] += 1
    try:
        rows = _rows(values, axis)
    except Exception:
        return
    if rows is None:
        return
    in_unit, sums_to_one = rows
    if expects_logits and in_unit and sums_to_one:
        _loss_finding(
            PROBABILITIES_AS_LOGITS,
            f"{name} expects logits but received probabilities (every row sums to 1): "
            "drop the softmax before the loss, or use a loss that takes probabilities",
        )
    elif not expects_logits and not in_unit:
        _loss_finding(
            LOGITS_AS_PROBABILITIES,
            f"{name} expects probabilities but received values outside [0, 1] (logits?): "
            "pass from_logits=True, or add a softmax",
        )


def _guard_torch(module: object) -> None:
    original = module.cross_entropy  # type: ignore[attr-defined]

    def cross_entropy(input: object, *args: object, **kwargs: object) -> object:
        try:
            if not _in_keras_loss[0]:
                _check_loss(input, 1, True, "torch.nn.functional.cross_entropy")
        except Exception:
            pass
        return original(input, *args, **kwargs)

    cross_entropy.__wrapped__ = original  # type: ignore[attr-defined]
    cross_entropy.__doc__ = original.__doc__
    module.cross_entropy = cross_entropy  # type: ignore[attr-defined]


def _guard_keras(module: object) -> None:
    for name in ("sparse_categorical_crossentropy", "categorical_crossentropy"):
        original = getattr(module, name)

        def loss(
            y_true: object,
            y_pred: object,
            *args: object,
            _original: object = original,
            _name: str = name,
            **kwargs: object,
        ) -> object:
            try:
                from_logits = kwargs.get("from_logits", args[0] if args else False)
                axis = kwargs.get("axis", -1)
                _check_loss(y_pred, int(axis), bool(from_logits), f"keras {_name}")  # type: ignore[call-overload]
            except Exception:
                pass
            _in_keras_loss[0] += 1
            try:
                return _original(y_true, y_pred, *args, **kwargs)  # type: ignore[operator]
            finally:
                _in_keras_loss[0] -= 1

        loss.__wrapped__ = original  # type: ignore[attr-defined]
        loss.__name__ = name
        setattr(module, name, loss)


_GUARDS = {"torch.nn.functional": _guard_torch, "keras.src.losses.losses": _guard_keras}


class _GuardFinder:
    """Meta-path finder that patches a guarded module right after it executes."""

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> ModuleSpec | None:
        if name not in _GUARDS:
            return None
        spec = None
        for finder in sys.meta_path:
            if isinstance(finder, _GuardFinder) or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                break
        if spec is None or spec.loader is None:
            return None
        loader: Any = spec.loader
        exec_module = loader.exec_module

        def guarded_exec(module: types.ModuleType) -> None:
            exec_module(module)
            with contextlib.suppress(Exception):
                _GUARDS[name](module)

        loader.exec_module = guarded_exec
        return spec


if os.environ.get("DLCOMPARE_LOSS_GUARD") != "off":
    sys.meta_path.insert(0, _GuardFinder())


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
    return {
        "pid": os.getpid(),
        "frameworks": found,
        "imported": _imported_frameworks(),
        "keras_backend": _keras_backend(),
    }


def _imported_frameworks() -> list[str]:
    """Which of the watched framework modules this process imported (the runner names them)."""
    watched = os.environ.get("DLCOMPARE_PROBE_MODULES", "")
    return sorted(name for name in filter(None, watched.split(",")) if name in sys.modules)


def _keras_backend() -> str | None:
    """The backend Keras really ran on, or None when Keras was never imported."""
    keras = sys.modules.get("keras")
    try:
        return str(keras.backend.backend()) if keras is not None else None
    except Exception:
        return None


def _write_probe() -> None:
    with contextlib.suppress(Exception):
        _append(_PROBE_FILE, _probe())


if _PROBE_FILE:
    atexit.register(_write_probe)

"""Fact safetensors-checkpoint: torch DCP reads and writes safetensors; Keras has no code for it."""

import importlib.util
import pathlib

import torch.distributed.checkpoint as dcp

for name in ("HuggingFaceStorageWriter", "HuggingFaceStorageReader"):
    assert hasattr(dcp, name), f"torch.distributed.checkpoint lost {name}"
spec = importlib.util.find_spec("keras")
assert spec is not None and spec.origin is not None, "keras is not installed"
keras_src = pathlib.Path(spec.origin).parent / "src"
hits = [p for p in keras_src.rglob("*.py") if "safetensors" in p.read_text(encoding="utf-8")]
assert not hits, f"Keras now mentions safetensors in {hits[:3]}"
print("DCP HuggingFaceStorageWriter/Reader present; Keras 3 source has no safetensors code")

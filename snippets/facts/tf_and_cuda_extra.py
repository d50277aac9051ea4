"""Fact cuda-in-wheel: tensorflow[and-cuda] pulls CUDA 12 and cuDNN 9; torch here is CPU-only."""

from importlib.metadata import metadata, version

requires = metadata("tensorflow").get_all("Requires-Dist") or []
extra = [r for r in requires if 'extra == "and-cuda"' in r]
names = {r.split("<")[0].split(">")[0].split("=")[0].strip() for r in extra}
assert "nvidia-cudnn-cu12" in names, f"and-cuda no longer pulls cuDNN for CUDA 12: {sorted(names)}"
assert any(r.startswith("nvidia-cuda-runtime-cu12") and ">=12.5" in r for r in extra), extra
assert any(r.startswith("nvidia-cudnn-cu12") and ">=9.3" in r for r in extra), extra
torch_requires = metadata("torch").get_all("Requires-Dist") or []
assert version("torch").endswith("+cpu"), "the pinned torch is no longer the CPU build"
assert not any(r.startswith(("nvidia-", "cuda-")) for r in torch_requires), torch_requires
print(
    f"tensorflow[and-cuda] pulls {len(extra)} nvidia-*-cu12 wheels; torch {version('torch')}: none"
)

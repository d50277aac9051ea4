"""Fact license: BSD-3-Clause (PyTorch), Apache-2.0 (TensorFlow, Keras), per package metadata."""

from importlib.metadata import metadata


def license_text(name: str) -> str:
    meta = metadata(name)
    return " ".join(filter(None, [meta.get("License-Expression"), meta.get("License")]))


torch_license = license_text("torch")
tf_license = license_text("tensorflow")
keras_license = license_text("keras")
# torch's expression also lists bundled third-party code; its own license is BSD-3-Clause.
assert "BSD-3-Clause" in torch_license, f"torch declares {torch_license!r}"
assert "Apache" in tf_license and "2.0" in tf_license, f"tensorflow declares {tf_license!r}"
assert "Apache" in keras_license and "2.0" in keras_license, f"keras declares {keras_license!r}"
print("licenses: torch BSD-3-Clause, tensorflow Apache-2.0, keras Apache-2.0")

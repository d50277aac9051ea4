"""Fact site-versions: the examples run against torch 2.13.0, TensorFlow 2.21.0, Keras 3.15.1."""
# dlcompare-matrix: pins-only = it asserts the installed versions equal the project's pins

from importlib.metadata import version

EXPECTED = {"torch": "2.13.0", "tensorflow": "2.21.0", "keras": "3.15.1"}

found = {name: version(name).split("+")[0] for name in EXPECTED}
assert found == EXPECTED, f"installed {found}, the fact says {EXPECTED}: update site-versions"
print("versions:", ", ".join(f"{k} {v}" for k, v in found.items()))

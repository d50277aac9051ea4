"""Fact python-support: the oldest Python each tested release declares."""
# dlcompare-matrix: pins-only = it asserts the Requires-Python of the pinned releases

from importlib.metadata import metadata

EXPECTED = {"torch": ">=3.10", "tensorflow": ">=3.10", "keras": ">=3.11"}

found = {name: metadata(name)["Requires-Python"].replace(" ", "") for name in EXPECTED}
assert found == EXPECTED, f"Requires-Python is now {found}, the fact says {EXPECTED}"
print("requires-python:", ", ".join(f"{k} {v}" for k, v in found.items()))

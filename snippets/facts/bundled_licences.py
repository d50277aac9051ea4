"""Fact bundled-licences: which third-party licence files each wheel ships."""

from importlib.metadata import distribution, metadata

torch_expression = metadata("torch")["License-Expression"]
for part in ("BSD-3-Clause", "Apache-2.0", "MIT", "BSL-1.0", "BSD-2-Clause"):
    assert part in torch_expression, f"torch License-Expression lacks {part}: {torch_expression}"
torch_files = [str(f) for f in distribution("torch").files or []]
third_party = [f for f in torch_files if "/licenses/third_party/" in f]
assert len(third_party) > 50, (
    f"only {len(third_party)} third-party licence files in the torch wheel"
)
tf_files = {str(f) for f in distribution("tensorflow").files or []}
assert "tensorflow/THIRD_PARTY_NOTICES.txt" in tf_files, (
    "tensorflow no longer ships THIRD_PARTY_NOTICES.txt"
)
keras_licences = [str(f) for f in distribution("keras").files or [] if "licenses/" in str(f)]
assert [f.rsplit("/", 1)[-1] for f in keras_licences] == ["LICENSE"], keras_licences
print(f"torch: {len(third_party)} bundled licence files; tensorflow: THIRD_PARTY_NOTICES.txt")

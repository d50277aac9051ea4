"""Fact tensorboard-dependency: none of the three packages requires tensorboard."""

from importlib.metadata import requires


def needs_tensorboard(name: str) -> bool:
    for requirement in requires(name) or []:
        if "extra ==" in requirement:
            continue  # optional extras do not install by default
        if requirement.split(";")[0].strip().lower().startswith("tensorboard"):
            return True
    return False


pulled = [name for name in ("torch", "tensorflow", "keras") if needs_tensorboard(name)]
assert not pulled, f"{pulled} now install tensorboard by default"
print("tensorboard is installed by none of torch, tensorflow, keras")

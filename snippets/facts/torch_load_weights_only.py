"""Fact safe-load-default: torch.load refuses pickled objects unless weights_only=False."""

import io
import pickle

import torch


class Custom:
    def __init__(self) -> None:
        self.value = 3


buffer = io.BytesIO()
torch.save({"w": torch.ones(2), "obj": Custom()}, buffer)
buffer.seek(0)
try:
    torch.load(buffer)
except pickle.UnpicklingError as error:
    message = str(error).splitlines()[0]
else:
    raise AssertionError("torch.load unpickled an arbitrary class by default")
buffer.seek(0)
loaded = torch.load(buffer, weights_only=False)
assert loaded["obj"].value == 3
state = io.BytesIO()
torch.save({"w": torch.ones(2)}, state)
state.seek(0)
assert torch.equal(torch.load(state)["w"], torch.ones(2))
print("torch.load default refuses a custom class:", message[:90])

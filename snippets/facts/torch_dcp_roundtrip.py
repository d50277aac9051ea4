"""Fact distributed-checkpoint: torch.distributed.checkpoint saves and reloads a state dict."""

import tempfile
import warnings

import torch
import torch.distributed.checkpoint as dcp

state = {"weight": torch.arange(6.0).reshape(2, 3)}
with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
    warnings.simplefilter("ignore")
    dcp.save(state, checkpoint_id=tmp, no_dist=True)
    target = {"weight": torch.zeros(2, 3)}
    dcp.load(target, checkpoint_id=tmp, no_dist=True)
assert torch.equal(target["weight"], state["weight"]), "DCP did not restore the tensor in place"
assert hasattr(dcp, "async_save"), "torch.distributed.checkpoint lost async_save"
print("dcp.save/load round trip works; async_save present")

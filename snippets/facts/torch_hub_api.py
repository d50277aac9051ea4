"""Fact hub-loader: torch.hub loads entry points from a GitHub repository's hubconf.py."""

import inspect

import torch.hub

for name in ("load", "list", "help", "load_state_dict_from_url", "get_dir"):
    assert hasattr(torch.hub, name), f"torch.hub lost {name}"
params = inspect.signature(torch.hub.load).parameters
assert {"repo_or_dir", "model", "source", "trust_repo"} <= set(params), (
    f"torch.hub.load changed: {list(params)}"
)
assert params["source"].default == "github", "torch.hub.load no longer defaults to GitHub"
print("torch.hub.load(repo_or_dir, model, source='github', trust_repo=...)")

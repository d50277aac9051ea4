"""Fact model-file: torch.export.save writes a .pt2 zip that torch.export.load reads back."""

import shutil
import tempfile
import zipfile
from pathlib import Path

import torch

model = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.ReLU()).eval()
example = torch.randn(2, 3)
program = torch.export.export(model, (example,))
folder = Path(tempfile.mkdtemp())
path = folder / "model.pt2"
torch.export.save(program, path)
assert zipfile.is_zipfile(path)
count = len(zipfile.ZipFile(path).namelist())
again = torch.export.load(path)
assert torch.allclose(again.module()(example), model(example))
shutil.rmtree(folder)
print(f"torch.export.save wrote a .pt2 zip with {count} entries; it loads back")

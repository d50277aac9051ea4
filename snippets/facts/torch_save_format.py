"""Fact weights-file: torch.save writes a zip archive whose records are pickled."""

import io
import zipfile

import torch

buffer = io.BytesIO()
torch.save(torch.nn.Linear(2, 2).state_dict(), buffer)
archive = zipfile.ZipFile(buffer)
names = archive.namelist()
assert any(name.endswith("/data.pkl") for name in names), names
assert any("/data/" in name for name in names), names
print("torch.save archive:", ", ".join(sorted({n.split("/", 1)[1].split("/")[0] for n in names})))

"""Export in PyTorch: torch.export captures a graph, ONNX Runtime runs it without PyTorch."""

import contextlib
import io
import tempfile
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import torch
from sklearn.datasets import load_digits
from torch import nn

device = "cuda" if torch.cuda.is_available() else "cpu"
print(f"device: {device}")
torch.manual_seed(0)

digits = load_digits()
x = torch.tensor(digits.data / 16.0, dtype=torch.float32, device=device)
y = torch.tensor(digits.target, device=device)

# --8<-- [start:model]
model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10)).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
for step in range(50):
    optimizer.zero_grad()
    nn.functional.cross_entropy(model(x), y).backward()
    optimizer.step()
# The artifacts below are for CPU serving, so export and compare on the CPU.
model, x = model.eval().cpu(), x.cpu()
with torch.no_grad():
    expected = model(x).numpy()
# --8<-- [end:model]

# --8<-- [start:export]
# torch.export traces the model into an ATen-level graph with no Python left in
# it; a symbolic batch dimension keeps the graph valid for any batch size.
batch = torch.export.Dim("batch")
exported = torch.export.export(model, (x[:2],), dynamic_shapes=({0: batch},))
ops = sorted({str(n.target) for n in exported.graph.nodes if n.op == "call_function"})
print(f"torch.export graph ops: {ops}")
# --8<-- [end:export]

with tempfile.TemporaryDirectory() as tmp:
    # --8<-- [start:save]
    # A .pt2 file reloads as a graph module without the original Python class.
    torch.export.save(exported, Path(tmp) / "model.pt2")
    with torch.no_grad():
        pt2_out = torch.export.load(Path(tmp) / "model.pt2").module()(x).numpy()
    # --8<-- [end:save]

    # --8<-- [start:onnx]
    # dynamo=True (the default exporter) builds on torch.export; its progress
    # report goes to stdout, captured here so only this program's lines appear.
    onnx_path = Path(tmp) / "model.onnx"
    with contextlib.redirect_stdout(io.StringIO()):
        torch.onnx.export(
            model, (x[:2],), onnx_path, dynamo=True, dynamic_shapes=({0: batch},),
            input_names=["pixels"], output_names=["logits"],
        )
    proto = onnx.load(onnx_path)
    nodes = [node.op_type for node in proto.graph.node]
    print(f"ONNX opset {proto.opset_import[0].version}, nodes: {nodes}")
    session = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    pixels = session.get_inputs()[0]
    print(f"ONNX Runtime input: {pixels.name} {pixels.shape}")
    (onnx_out,) = session.run(None, {"pixels": x.numpy()})
    # --8<-- [end:onnx]

# --8<-- [start:check]
# A different runtime fuses and orders float operations differently, so match
# within a tolerance rather than bit for bit.
print(f"largest output gap, torch.export: {np.abs(pt2_out - expected).max():.0e}")
print(f"largest output gap, ONNX Runtime: {np.abs(onnx_out - expected).max():.0e}")
agree = int((onnx_out.argmax(1) == expected.argmax(1)).sum())
print(f"ONNX Runtime predicts the same class for {agree} of {len(expected)} inputs")

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert np.allclose(pt2_out, expected, atol=1e-5)
assert np.allclose(onnx_out, expected, atol=1e-5)
assert (onnx_out.argmax(1) == expected.argmax(1)).all()
# --8<-- [end:check]

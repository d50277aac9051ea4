"""Fact torch-export: torch.export.export captures a small module into an ExportedProgram."""

import torch


class Affine(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.linear = torch.nn.Linear(3, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(self.linear(x))


torch.manual_seed(0)
model = Affine().eval()
example = torch.randn(4, 3)
program = torch.export.export(model, (example,))
assert isinstance(program, torch.export.ExportedProgram)
assert torch.allclose(program.module()(example), model(example))
print("torch.export produced an ExportedProgram with", len(program.graph.nodes), "graph nodes")

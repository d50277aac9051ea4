"""Automatic differentiation in PyTorch: .backward(), torch.autograd.grad, no_grad."""
import numpy as np
import torch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
print(f"device: {device.type}")

# --8<-- [start:scalar]
# requires_grad makes autograd record every op that touches x.
x = torch.tensor(2.0, device=device, requires_grad=True)
y = x**3 + 2 * x  # dy/dx = 3x^2 + 2 = 14 at x = 2
y.backward()
first = x.grad.item()
print("dy/dx via backward:", first)
# .grad accumulates across backward calls; training loops reset it every step.
(x**3 + 2 * x).backward()
print("after a second backward:", x.grad.item())
x.grad = None
# --8<-- [end:scalar]

# --8<-- [start:higher]
# autograd.grad returns gradients instead of storing them; create_graph=True
# keeps the graph of the derivative itself so it can be differentiated again.
(dy,) = torch.autograd.grad(x**3 + 2 * x, x, create_graph=True)
(d2y,) = torch.autograd.grad(dy, x)  # 6x = 12
print("first and second derivative:", dy.item(), d2y.item())
# --8<-- [end:higher]

# --8<-- [start:vector]
rng = np.random.default_rng(0)
X = torch.tensor(rng.normal(size=(8, 3)), dtype=torch.float32, device=device)
t = torch.tensor(rng.normal(size=8), dtype=torch.float32, device=device)
w = torch.zeros(3, device=device, requires_grad=True)
loss = torch.mean((X @ w - t) ** 2)
loss.backward()
analytic = 2 / len(t) * X.T @ (X @ w - t)  # d/dw of the mean squared error
print("dL/dw:", [round(v, 4) for v in w.grad.tolist()])
# --8<-- [end:vector]

# --8<-- [start:update]
# Inside no_grad nothing is recorded, e.g. for evaluation or manual updates.
with torch.no_grad():
    w -= 0.1 * w.grad
    print("recorded inside no_grad:", (X @ w).requires_grad)
print("w after one step:", [round(v, 4) for v in w.tolist()])
# --8<-- [end:update]

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert first == 14.0 and x.grad is None
assert abs(dy.item() - 14.0) < 1e-6 and abs(d2y.item() - 12.0) < 1e-6
assert torch.allclose(w.grad, analytic.detach(), atol=1e-6)
assert torch.allclose(w.detach(), -0.1 * w.grad)

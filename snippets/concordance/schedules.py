"""Concordance proofs: learning-rate schedules, step by step.

torch schedulers change the optimizer's lr once per scheduler.step(); Keras
schedules are functions of the step number. Both are read for steps 0..14.

Keras runs on its TensorFlow backend. One line per row:
`row <id>: equal|differs max_abs=<measured> tol=<tolerance> [reason=...]`.
"""

import os

os.environ["KERAS_BACKEND"] = "tensorflow"

import keras
import numpy as np
import tensorflow as tf
import torch
from torch.optim import lr_scheduler

print("device: cpu")
torch.manual_seed(0)
rng = np.random.default_rng(0)
failures = []


def report(row, results, tol, expect="equal", reason=""):
    """Largest |a - b| between the first result and each other one, then the verdict."""
    ref = np.asarray(results[0], dtype=np.float64)
    diff = max(float(np.max(np.abs(ref - np.asarray(r, dtype=np.float64)))) for r in results[1:])
    verdict = "equal" if diff <= tol else "differs"
    line = f"row {row}: {verdict} max_abs={diff:.2g} tol={tol:g}"
    print(line + (f" reason={reason}" if verdict == "differs" and reason else ""))
    if verdict != expect:
        failures.append(row)


def t(a):
    return torch.from_numpy(np.ascontiguousarray(a))


LR, STEPS = 0.1, 15


def torch_lrs(make):
    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=LR)
    sched = make(opt)
    lrs = []
    for _ in range(STEPS):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return np.array(lrs)


def keras_lrs(schedule):
    return np.array([float(schedule(step)) for step in range(STEPS)])


report(
    "step-lr",
    [
        torch_lrs(lambda o: lr_scheduler.StepLR(o, step_size=4, gamma=0.5)),
        keras_lrs(tf.keras.optimizers.schedules.ExponentialDecay(LR, 4, 0.5, staircase=True)),
        keras_lrs(
            keras.optimizers.schedules.ExponentialDecay(
                LR, decay_steps=4, decay_rate=0.5, staircase=True
            )
        ),
    ],
    1e-7,
)
report(
    "exponential-lr",
    [
        torch_lrs(lambda o: lr_scheduler.ExponentialLR(o, gamma=0.9)),
        keras_lrs(keras.optimizers.schedules.ExponentialDecay(LR, 1, 0.9)),
    ],
    1e-7,
)
multistep_t = torch_lrs(lambda o: lr_scheduler.MultiStepLR(o, milestones=[4, 9], gamma=0.1))
report(
    "multistep-boundaries",
    [
        multistep_t,
        keras_lrs(
            keras.optimizers.schedules.PiecewiseConstantDecay([4, 9], [LR, LR * 0.1, LR * 0.01])
        ),
    ],
    1e-7,
    "differs",
    "MultiStepLR switches at the milestone step; PiecewiseConstantDecay keeps the old value "
    "while step <= boundary, so its boundaries are the milestones minus one",
)
report(
    "multistep",
    [
        multistep_t,
        keras_lrs(
            keras.optimizers.schedules.PiecewiseConstantDecay([3, 8], [LR, LR * 0.1, LR * 0.01])
        ),
    ],
    1e-7,
)
report(
    "cosine",
    [
        torch_lrs(lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=STEPS, eta_min=0.1 * LR)),
        keras_lrs(keras.optimizers.schedules.CosineDecay(LR, decay_steps=STEPS, alpha=0.1)),
    ],
    1e-7,
)
report(
    "polynomial",
    [
        torch_lrs(lambda o: lr_scheduler.PolynomialLR(o, total_iters=10, power=2.0)),
        keras_lrs(
            keras.optimizers.schedules.PolynomialDecay(
                LR, decay_steps=10, end_learning_rate=0.0, power=2.0
            )
        ),
    ],
    1e-7,
)


def warmup_then_cosine(o):
    warm = lr_scheduler.LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=5)
    cos = lr_scheduler.CosineAnnealingLR(o, T_max=10)
    return lr_scheduler.SequentialLR(o, [warm, cos], milestones=[5])


report(
    "warmup-cosine",
    [
        torch_lrs(warmup_then_cosine),
        keras_lrs(
            keras.optimizers.schedules.CosineDecay(
                0.1 * LR, decay_steps=10, warmup_target=LR, warmup_steps=5
            )
        ),
    ],
    1e-7,
)

if failures:
    raise SystemExit(f"rows not as expected: {', '.join(failures)}")

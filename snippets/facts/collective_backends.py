"""Fact collective-backends: torch.distributed knows gloo, nccl, mpi, ucc and xccl; tf.distribute
picks NCCL or RING.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf
import torch.distributed as dist

known = set(dist.Backend.backend_list)
expected = {"gloo", "nccl", "mpi", "ucc", "xccl"}
assert expected <= known, f"torch.distributed no longer lists {sorted(expected - known)}"
assert dist.is_gloo_available(), "the installed torch wheel lacks the gloo backend"

impl = tf.distribute.experimental.CommunicationImplementation
names = {member.name for member in impl}
assert {"AUTO", "NCCL", "RING"} <= names, f"CommunicationImplementation changed: {sorted(names)}"
print("torch:", ", ".join(sorted(expected)), "| tf:", ", ".join(sorted(names)))

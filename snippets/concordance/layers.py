"""Concordance proofs: layers, fed the same inputs and the same weights.

Layout mappings used below (torch -> Keras/TensorFlow):
  Linear weight (out, in)        -> Dense kernel (in, out): transpose
  Conv2d weight OIHW             -> Conv2D kernel HWIO: permute (2, 3, 1, 0)
  images NCHW                    -> NHWC: permute (0, 2, 3, 1)
  LSTM weight_ih (4H, in), gates i,f,g,o -> kernel (in, 4H), gates i,f,c,o:
       the same order (torch's g is Keras's c), so transpose only;
       torch's two biases b_ih + b_hh -> Keras's one bias
  GRU gates r,z,n in torch       -> z,r,h in Keras: swap the first two blocks;
       Keras 3's reset_after=True is torch's formula, bias (2, 3H) = [b_ih, b_hh]
Keras runs on its TensorFlow backend, so tf.keras is the same Keras 3 code.
Each line: `row <id>: equal|differs max_abs=<measured> tol=<tolerance> [reason=...]`.
"""

import os

os.environ["KERAS_BACKEND"] = "tensorflow"

import keras
import numpy as np
import tensorflow as tf
import torch
import torch.nn.functional as F

print("device: cpu")
torch.manual_seed(0)
keras.utils.set_random_seed(0)
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


def randn(*shape):
    return rng.standard_normal(shape).astype(np.float32)


# --- Linear / Dense -------------------------------------------------------------------
x = randn(8, 64)
linear = torch.nn.Linear(64, 32)
w, b = linear.weight.detach().numpy(), linear.bias.detach().numpy()
dense = keras.layers.Dense(32)
dense.build((None, 64))
dense.set_weights([w.T, b])
tf_dense = tf.keras.layers.Dense(32)
tf_dense.build((None, 64))
tf_dense.set_weights([w.T, b])
with torch.no_grad():
    out_t = linear(t(x)).numpy()
report("dense", [out_t, dense(x).numpy(), tf_dense(x).numpy()], 1e-5)

# --- Conv2d / Conv2D, stride 1 ---------------------------------------------------------
img = randn(2, 3, 8, 8)  # NCHW
img_nhwc = img.transpose(0, 2, 3, 1)
conv = torch.nn.Conv2d(3, 8, 3, padding=1)
kw, kb = conv.weight.detach().numpy(), conv.bias.detach().numpy()
hwio = kw.transpose(2, 3, 1, 0)
kconv = keras.layers.Conv2D(8, 3, padding="same")
kconv.build((None, 8, 8, 3))
kconv.set_weights([hwio, kb])
with torch.no_grad():
    out_t = conv(t(img)).numpy().transpose(0, 2, 3, 1)
out_tf = tf.nn.conv2d(img_nhwc, hwio, strides=1, padding="SAME") + kb
report("conv2d", [out_t, out_tf.numpy(), kconv(img_nhwc).numpy()], 1e-5)

# --- padding="same" at stride 2: TensorFlow pads the extra row/column at the end -------
conv2 = torch.nn.Conv2d(3, 8, 3, stride=2, padding=1)
with torch.no_grad():
    conv2.weight.copy_(conv.weight)
    conv2.bias.copy_(conv.bias)
    sym = conv2(t(img)).numpy().transpose(0, 2, 3, 1)
    conv0 = torch.nn.Conv2d(3, 8, 3, stride=2, padding=0)
    conv0.weight.copy_(conv.weight)
    conv0.bias.copy_(conv.bias)
    asym = conv0(F.pad(t(img), (0, 1, 0, 1))).numpy().transpose(0, 2, 3, 1)
kconv2 = keras.layers.Conv2D(8, 3, strides=2, padding="same")
kconv2.build((None, 8, 8, 3))
kconv2.set_weights([hwio, kb])
out_k = kconv2(img_nhwc).numpy()
report(
    "conv2d-same-stride2",
    [sym, out_k],
    1e-5,
    "differs",
    "on an even input TensorFlow's same pads 0 before and 1 after; torch padding=1 pads 1 on "
    "both sides, so every window shifts by one pixel",
)
report("conv2d-same-stride2-mapped", [asym, out_k], 1e-5)

# --- Flatten after a conv: NCHW vs NHWC order --------------------------------------------
flat_t = torch.nn.Flatten()(t(img)).numpy()
flat_k = keras.layers.Flatten()(img_nhwc).numpy()
report(
    "flatten-order",
    [flat_t, flat_k],
    1e-6,
    "differs",
    "torch flattens channels first (C,H,W), Keras channels last (H,W,C); permute the next "
    "Dense kernel's rows when porting weights",
)

# --- Embedding -------------------------------------------------------------------------
ids = rng.integers(0, 50, size=(4, 7))
emb = torch.nn.Embedding(50, 16)
table = emb.weight.detach().numpy()
kemb = keras.layers.Embedding(50, 16)
kemb.build((None, 7))
kemb.set_weights([table])
with torch.no_grad():
    out_t = emb(t(ids)).numpy()
report(
    "embedding",
    [out_t, tf.nn.embedding_lookup(table, ids).numpy(), kemb(ids).numpy()],
    0.0,
)

# --- Dropout: identity in inference, 1/(1-p) scaling in training ---------------------------
h = randn(16, 32)
drop = torch.nn.Dropout(0.5).eval()
kdrop = keras.layers.Dropout(0.5)
report("dropout-eval", [drop(t(h)).numpy(), kdrop(h, training=False).numpy()], 0.0)
drop.train()
kept_t = drop(t(h)).numpy()
kept_k = kdrop(h, training=True).numpy()
kept_tf = tf.nn.dropout(h, rate=0.5, seed=1).numpy()
scaled = [np.where(k != 0, k / h, 2.0) for k in (kept_t, kept_k, kept_tf)]
report("dropout-train-scale", [np.full_like(h, 2.0), *scaled], 1e-6)

# --- BatchNorm ---------------------------------------------------------------------------
feat = (randn(32, 4, 5, 5) * 0.05 + 0.3).astype(np.float32)  # small variance
feat_nhwc = feat.transpose(0, 2, 3, 1)
mean, var = randn(4) * 0.1, np.abs(randn(4)) * 1e-3 + 1e-4
gamma, beta = randn(4), randn(4)


def torch_bn(**kw):
    bn = torch.nn.BatchNorm2d(4, **kw)
    with torch.no_grad():
        bn.weight.copy_(t(gamma))
        bn.bias.copy_(t(beta))
        bn.running_mean.copy_(t(mean))
        bn.running_var.copy_(t(var))
    return bn


def keras_bn(**kw):
    bn = keras.layers.BatchNormalization(**kw)
    bn.build((None, 5, 5, 4))
    bn.set_weights([gamma, beta, mean, var])
    return bn


with torch.no_grad():
    out_t = torch_bn().eval()(t(feat)).numpy().transpose(0, 2, 3, 1)
out_tf = tf.nn.batch_normalization(feat_nhwc, mean, var, beta, gamma, 1e-5)
out_k = keras_bn(epsilon=1e-5)(feat_nhwc, training=False).numpy()
report("batchnorm-eval", [out_t, out_tf.numpy(), out_k], 1e-5)
report(
    "batchnorm-epsilon",
    [out_t, keras_bn()(feat_nhwc, training=False).numpy()],
    1e-5,
    "differs",
    "epsilon defaults to 1e-5 in torch and 1e-3 in Keras; with variances near 1e-3 the "
    "outputs move",
)
tbn = torch_bn().train()
tbn(t(feat))
kbn_default, kbn_mapped = keras_bn(epsilon=1e-5), keras_bn(epsilon=1e-5, momentum=0.9)
train_t = torch_bn().train()(t(feat)).detach().numpy().transpose(0, 2, 3, 1)
report("batchnorm-train", [train_t, kbn_mapped(feat_nhwc, training=True).numpy()], 1e-5)
kbn_default(feat_nhwc, training=True)
report(
    "batchnorm-momentum",
    [tbn.running_mean.numpy(), kbn_default.moving_mean.numpy()],
    1e-5,
    "differs",
    "torch's momentum 0.1 weighs the new batch; Keras's 0.99 weighs the old average "
    "(keras momentum = 1 - torch momentum)",
)
report(
    "batchnorm-momentum-mapped", [tbn.running_mean.numpy(), kbn_mapped.moving_mean.numpy()], 1e-6
)
small = randn(4, 4, 2, 2)  # n = 16 values per channel, unit variance
tvar, kvar = torch_bn().train(), keras_bn(epsilon=1e-5, momentum=0.9)
tvar(t(small))
kvar(small.transpose(0, 2, 3, 1), training=True)
report(
    "batchnorm-running-var",
    [tvar.running_var.numpy(), kvar.moving_variance.numpy()],
    1e-5,
    "differs",
    "torch updates running_var with the unbiased batch variance (n-1), Keras with the biased "
    "one (n); here n = 16 per channel",
)

# --- LayerNorm ---------------------------------------------------------------------------
seq = (randn(4, 6, 16) * 0.03).astype(np.float32)
ln = torch.nn.LayerNorm(16)
kln = keras.layers.LayerNormalization(epsilon=1e-5)
kln_default = keras.layers.LayerNormalization()
with torch.no_grad():
    out_t = ln(t(seq)).numpy()
report("layernorm", [out_t, kln(seq).numpy()], 1e-4)
report(
    "layernorm-epsilon",
    [out_t, kln_default(seq).numpy()],
    1e-4,
    "differs",
    "epsilon defaults to 1e-5 in torch and 1e-3 in Keras; small activations feel it",
)

# --- LSTM --------------------------------------------------------------------------------
xs = randn(3, 5, 6)
lstm = torch.nn.LSTM(6, 4, batch_first=True)
kl = keras.layers.LSTM(4, return_sequences=True)
kl.build((None, 5, 6))
p = {n: v.detach().numpy() for n, v in lstm.named_parameters()}
kl.set_weights([p["weight_ih_l0"].T, p["weight_hh_l0"].T, p["bias_ih_l0"] + p["bias_hh_l0"]])
with torch.no_grad():
    out_t = lstm(t(xs))[0].numpy()
report("lstm", [out_t, kl(xs).numpy()], 1e-5)


# --- GRU ---------------------------------------------------------------------------------
def swap_rz(m, hidden=4):
    """torch gate blocks r,z,n -> Keras z,r,h along the 3H axis (axis 0 of torch weights)."""
    r, z, n = m[:hidden], m[hidden : 2 * hidden], m[2 * hidden :]
    return np.concatenate([z, r, n])


gru = torch.nn.GRU(6, 4, batch_first=True)
g = {n: v.detach().numpy() for n, v in gru.named_parameters()}
kg = keras.layers.GRU(4, return_sequences=True)
kg.build((None, 5, 6))
kg_raw = keras.layers.GRU(4, return_sequences=True)
kg_raw.build((None, 5, 6))
kg.set_weights(
    [
        swap_rz(g["weight_ih_l0"]).T,
        swap_rz(g["weight_hh_l0"]).T,
        np.stack([swap_rz(g["bias_ih_l0"]), swap_rz(g["bias_hh_l0"])]),
    ]
)
kg_raw.set_weights(
    [g["weight_ih_l0"].T, g["weight_hh_l0"].T, np.stack([g["bias_ih_l0"], g["bias_hh_l0"]])]
)
with torch.no_grad():
    out_t = gru(t(xs))[0].numpy()
report("gru", [out_t, kg(xs).numpy()], 1e-5)
report(
    "gru-gate-order",
    [out_t, kg_raw(xs).numpy()],
    1e-5,
    "differs",
    "torch stores GRU gates as r,z,n and Keras as z,r,h; copying the blocks unchanged swaps "
    "the reset and update gates",
)

if failures:
    raise SystemExit(f"rows not as expected: {', '.join(failures)}")

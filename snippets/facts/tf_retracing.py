"""Fact retracing: tf.function traces per new shape, reduce_retracing generalises after one."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf


def count_traces(**options: bool) -> int:
    traces = []

    @tf.function(**options)
    def f(x: tf.Tensor) -> tf.Tensor:
        traces.append(1)
        return x + 1

    for n in (2, 3, 4, 5):
        f(tf.ones([n]))
    return len(traces)


plain, relaxed = count_traces(), count_traces(reduce_retracing=True)
assert plain == 4, f"plain tf.function traced {plain} times for 4 shapes"
assert relaxed < plain, f"reduce_retracing traced {relaxed} times"
print(f"4 input shapes: {plain} traces plain, {relaxed} with reduce_retracing=True")

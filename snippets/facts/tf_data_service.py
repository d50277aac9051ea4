"""Fact data-service: the tf.data service moves preprocessing to separate worker servers."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf

service = tf.data.experimental.service
for name in ("DispatchServer", "WorkerServer", "distribute", "register_dataset", "from_dataset_id"):
    assert hasattr(service, name), f"tf.data.experimental.service lost {name}"
dispatcher = service.DispatchServer()
worker = service.WorkerServer(
    service.WorkerConfig(dispatcher_address=dispatcher.target.split("://")[1])
)
dataset = tf.data.Dataset.range(5).apply(
    service.distribute(processing_mode=service.ShardingPolicy.OFF, service=dispatcher.target)
)
values = sorted(int(x) for x in dataset.as_numpy_iterator())
assert values == [0, 1, 2, 3, 4], f"tf.data service returned {values}"
worker.stop()
dispatcher.stop()
print("tf.data service in-process round trip:", values)

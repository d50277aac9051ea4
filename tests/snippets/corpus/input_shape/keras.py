import keras

print(f"backend: {keras.backend.backend()}")
model = keras.Sequential([keras.layers.Dense(2, input_shape=(3,))])
print(f"parameters: {model.count_params()}")

print("device: cpu")
print("epoch 1: loss 0.25, 12ms/step")

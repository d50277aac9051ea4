import random

print("device: cpu")
print(f"sample: {random.random():.6f}")

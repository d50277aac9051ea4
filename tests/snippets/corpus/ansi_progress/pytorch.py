print("device: cpu")
print("\x1b[32mepoch 1/3\x1b[0m loss 0.25")
print("3/3 ━━━━━━━━━━━━━━━━━━━━ 0s")

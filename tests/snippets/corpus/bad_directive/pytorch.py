# dlcompare: timout = 5
print("device: cpu")

print("loss 0.25")

// facts table filter (see docs/comparison)

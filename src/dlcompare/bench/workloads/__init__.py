"""Benchmark programs, one per framework. Each is run as a script in its own process."""

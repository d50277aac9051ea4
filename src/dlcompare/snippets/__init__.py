"""Discover, run, cache and record the example programs in ``snippets/``."""

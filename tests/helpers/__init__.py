"""Helpers shared by test folders: scratch-project builders (imported, never conftests)."""

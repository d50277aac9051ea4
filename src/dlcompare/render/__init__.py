"""Pure functions that turn data (facts, run records) into Markdown for the pages."""

"""``dlcompare bench``: the same small models in every framework, measured the same way.

``workloads/`` holds one program per framework; each runs in a fresh interpreter and
prints one JSON line of measurements. ``runner`` starts them and gathers the lines,
``models`` is the schema of ``data/bench/<env>.json`` and ``render`` turns that file
into the benchmark page's tables and SVG charts.
"""

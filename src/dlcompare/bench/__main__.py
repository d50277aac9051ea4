"""``python -m dlcompare.bench``: the same as ``dlcompare bench``."""

from dlcompare.bench.cli import main

raise SystemExit(main())

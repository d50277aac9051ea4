"""``python -m dlcompare.notebooks [names] [--no-cache] [--list]``."""

from dlcompare.notebooks.cli import main

raise SystemExit(main())

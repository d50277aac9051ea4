"""``python -m dlcompare``: the same entry point as the ``dlcompare`` command."""

import sys

from dlcompare.cli import main

sys.exit(main())

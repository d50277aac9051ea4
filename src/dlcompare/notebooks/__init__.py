"""Executed notebooks: jupytext sources in, executed ``.ipynb`` out, never stale.

The sources are ``docs/notebooks/*.nb.py`` files in jupytext's percent format, so a
review sees plain Python and nothing in git ever holds an output. The flow:

* ``source``  finds the notebooks and maps each cell back to its line in the file;
* ``execute`` runs one notebook top to bottom in a fresh ``dlcompare`` Jupyter kernel
  (nbclient), offline, with the snippet runner's environment and warning policy, and
  turns a failing cell into ``docs/notebooks/x.nb.py:42: cell 7 ...``;
* ``cache``   keeps executed notebooks in ``.cache/dlcompare/notebooks/`` keyed by the
  source and the environment, so an unchanged notebook is never run twice;
* ``suite``   runs them all for ``make notebooks`` / ``dlcompare notebooks``;
* ``pages`` and ``mkdocs_hook`` hand mkdocs-jupyter an ``.ipynb`` for each page: the
  executed one when the cache has it (a build executes what is missing), a plain
  conversion without outputs in a ``mkdocs serve`` preview.
"""

from __future__ import annotations

#: Where the sources live, relative to the project root.
NOTEBOOK_DIR = "docs/notebooks"
#: Only files with this suffix are notebooks; other ``.py`` files never become pages.
SUFFIX = ".nb.py"
#: The Jupyter kernel every notebook runs in (registered into the project's venv).
KERNEL_NAME = "dlcompare"

"""The release matrix: every committed program measured across framework releases.

After MDN's browser-compat-data and its collector: a release registry
(``data/releases/``, :mod:`.releases`), one cached environment per framework release
(:mod:`.envs`), the programs run in each through the project's one sandboxed
executor (:mod:`.runner`), raw reports (``data/compat/``, :mod:`.reports`), and a
pure inference step that turns reports into ranges (:mod:`.infer`).
"""

from tests.helpers.miniproject import *  # noqa: F403  (moved to tests/helpers/; kept for imports)

"""Links into the project's repository, derived from ``repo_url`` in mkdocs.yml.

Only GitHub's URL shapes are known here (``/blob/<ref>/<path>``, and Colab's
``/github/<owner>/<repo>/blob/<ref>/<path>`` for notebooks); for another host the
links are left out and the page says so, rather than guessing a URL that 404s.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

#: Where Colab opens a notebook stored in a GitHub repository.
COLAB = "https://colab.research.google.com/github"


def branch_of(edit_uri: str | None, default: str = "main") -> str:
    """``edit/main/docs/`` -> ``main``: the branch the edit button already points at."""
    parts = [p for p in (edit_uri or "").split("/") if p]
    if len(parts) >= 2 and parts[0] in ("edit", "blob", "tree"):
        return parts[1]
    return default


@dataclass(frozen=True)
class Repository:
    url: str | None  # repo_url as written, e.g. https://github.com/dlcompare/dlcompare
    branch: str = "main"

    @property
    def on_github(self) -> bool:
        return bool(self.url) and urlparse(self.url or "").netloc.lower() == "github.com"

    @property
    def name(self) -> str:
        """``dlcompare/dlcompare on GitHub``, or ``the repository``."""
        if self.on_github:
            return urlparse(self.url or "").path.strip("/") + " on GitHub"
        return "the repository"

    def blob(self, path: str, ref: str | None = None) -> str | None:
        """The file at ``ref`` (default: the branch) on GitHub; None for other hosts."""
        if not self.on_github:
            return None
        return f"{(self.url or '').rstrip('/')}/blob/{ref or self.branch}/{path}"

    def colab(self, path: str, ref: str | None = None) -> str | None:
        """Colab's link for an ``.ipynb`` kept in this GitHub repository, else None."""
        if not self.on_github or not path.endswith(".ipynb"):
            return None
        owner_repo = urlparse(self.url or "").path.strip("/")
        return f"{COLAB}/{owner_repo}/blob/{ref or self.branch}/{path}"

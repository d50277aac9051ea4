"""PNG screenshots of the site for the README: ``make screenshots``.

    dlcompare screenshots --out docs/assets/screenshots [--site site/]

Without ``--site`` it builds the site (strict) into a temporary folder first.
Shots are taken at a fixed desktop viewport with animations settled, from the
local server with no network (the GitHub widget stays empty, as offline).
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

VIEWPORT = {"width": 1280, "height": 800}
#: Scrolls so that the element sits ``above`` pixels below the top of the window.
SCROLL_TO_ANCHOR = (
    "(el, above) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - above)"
)


@dataclass(frozen=True)
class Shot:
    name: str  # file name without .png
    path: str  # site path
    scheme: str  # "light" or "dark"
    anchor: str = ""  # element to scroll to the top first (CSS selector)
    viewport: tuple[int, int] = (VIEWPORT["width"], VIEWPORT["height"])
    above: int = 70  # pixels left above the anchor (the header is 48 px)


SHOTS: tuple[Shot, ...] = (
    Shot("home", "", "light"),
    Shot("example-light", "examples/cnn/", "light"),
    Shot("example-dark", "examples/cnn/", "dark"),
    # The end of a program: its run badges and the output the run printed.
    Shot("example-output", "examples/cnn/", "light", anchor=".tabbed-block .dlc-run", above=360),
    Shot("comparison-table", "comparison/", "light", anchor="#every-fact"),
    Shot("example-mobile", "examples/cnn/", "light", viewport=(390, 844)),
)


def settle(page: Any) -> None:
    """Wait for fonts, pending requests and Material's CSS transitions."""
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def take(browser: Any, base_url: str, shot: Shot, out: Path) -> Path:
    from dlcompare.site.browser import isolate

    width, height = shot.viewport
    context = browser.new_context(
        viewport={"width": width, "height": height},
        color_scheme=shot.scheme,
        reduced_motion="reduce",
        is_mobile=width < 600,
        has_touch=width < 600,
    )
    isolate(context, stub_third_party=False)
    page = context.new_page()
    page.goto(base_url + shot.path, wait_until="load")
    settle(page)
    if shot.anchor:
        page.locator(shot.anchor).first.evaluate(SCROLL_TO_ANCHOR, shot.above)
        settle(page)
    target = out / f"{shot.name}.png"
    page.screenshot(path=str(target))
    context.close()
    return target


def take_all(site_dir: Path, out: Path, base_path: str = "/") -> list[Path]:
    from dlcompare.site.browser import launch
    from dlcompare.site.serve import SiteServer

    out.mkdir(parents=True, exist_ok=True)
    with SiteServer(site_dir, base_path=base_path) as server, launch() as browser:
        return [take(browser, server.base_url, shot, out) for shot in SHOTS]


DESCRIPTION = "Screenshots of the built site for the README."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``dlcompare screenshots``."""
    parser.add_argument("--out", type=Path, default=Path("docs/assets/screenshots"))
    parser.add_argument("--site", type=Path, help="an already built site (default: build one now)")
    parser.add_argument(
        "--no-strict", action="store_true", help="build even with warnings (drafts only)"
    )


def run(args: argparse.Namespace) -> int:
    """Build (unless ``--site``) into a temporary folder, serve it, photograph :data:`SHOTS`."""
    from dlcompare import mkdocs_config
    from dlcompare.paths import find_root
    from dlcompare.site.build import build_site
    from dlcompare.site.serve import base_path_for

    root = find_root()
    base_path = base_path_for(mkdocs_config.site_url(root))
    with tempfile.TemporaryDirectory(prefix="dlcompare-shots-") as tmp:
        site = args.site or build_site(root, Path(tmp) / "site", strict=not args.no_strict).site_dir
        for path in take_all(site, args.out, base_path):
            print(f"wrote {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """:func:`run` with its own parser (tests; the CLI adds the same options)."""
    parser = argparse.ArgumentParser(prog="dlcompare screenshots", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))

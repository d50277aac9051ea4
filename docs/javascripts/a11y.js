// Accessibility fixes for what Material and mkdocs-jupyter render (issue 7).
// Each one is an axe-core "serious" finding; tests/browser/test_a11y.py runs axe
// on every page in both colour schemes and fails if one comes back.
//
// * Material's search overlay has role="dialog" and its instant-loading bar
//   role="progressbar", both without an accessible name (aria-dialog-name,
//   aria-progressbar-name).
// * Boxes that scroll sideways (Material's wrapper around wide tables, notebook
//   code cells and outputs) cannot be reached from the keyboard
//   (scrollable-region-focusable): make each one a focusable, named region.
(function () {
  "use strict";

  var NAMES = [
    ['.md-search[role="dialog"]', "Search"],
    ['.md-progress[role="progressbar"]', "Loading page"],
  ];
  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

  function nameWidgets() {
    NAMES.forEach(function (pair) {
      document.querySelectorAll(pair[0]).forEach(function (el) {
        if (!el.hasAttribute("aria-label")) el.setAttribute("aria-label", pair[1]);
      });
    });
  }

  function scrollsSideways(el) {
    var overflow = getComputedStyle(el).overflowX;
    return (overflow === "auto" || overflow === "scroll") && el.scrollWidth > el.clientWidth + 1;
  }

  function focusableScrollers() {
    document.querySelectorAll(".md-content *").forEach(function (el) {
      if (el.hasAttribute("tabindex") || !scrollsSideways(el)) return;
      if (el.querySelector(FOCUSABLE)) return; // reachable through its own links or code
      el.setAttribute("tabindex", "0");
      if (!el.hasAttribute("role")) el.setAttribute("role", "region");
      if (!el.hasAttribute("aria-label")) {
        el.setAttribute("aria-label", el.querySelector("table") ? "Table, scrolls sideways" : "Scrolls sideways");
      }
    });
  }

  function run() {
    nameWidgets();
    // After Material has wrapped tables and laid out the page.
    requestAnimationFrame(focusableScrollers);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
  var pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(focusableScrollers, 200);
  });
})();

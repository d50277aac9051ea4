// Accessibility fixes for what Material and mkdocs-jupyter render (issues 7 and 16).
// Each one is an axe-core "serious" finding; tests/browser/test_a11y.py runs axe
// on every page in both colour schemes and fails if one comes back.
//
// * Material's search overlay has role="dialog" and its instant-loading bar
//   role="progressbar", both without an accessible name (aria-dialog-name,
//   aria-progressbar-name).
// * Boxes that scroll sideways (code blocks, Material's wrapper around wide tables,
//   notebook cells and outputs) cannot be reached from the keyboard
//   (scrollable-region-focusable): each one that overflows becomes a focusable
//   region with a name of its own ("Code, PyTorch: Training loop"), so that a
//   screen reader's list of landmarks tells them apart. A box holding links is
//   no exception: Tab would stop on the links, but the arrow keys scroll only a
//   box that has the focus itself.
//
// Cost: only the few kinds of box that can scroll are looked at, never every
// element, and a ResizeObserver measures them when layout has happened anyway
// (on load, and again when a box changes size), so nothing forces a layout.
(function () {
  "use strict";

  var NAMES = [
    ['.md-search[role="dialog"]', "Search"],
    ['.md-progress[role="progressbar"]', "Loading page"],
  ];
  // The boxes that are given overflow-x: auto by Material, by dlcompare.css or by
  // the notebook stylesheet.
  var SCROLLERS = [
    ".md-typeset pre > code",
    ".md-typeset__scrollwrap",
    ".dlc-filter__scroll",
    ".compat-scroll",
    ".jupyter-wrapper .jp-OutputArea-output",
    ".jupyter-wrapper .jp-InputArea-editor pre",
  ].join(", ");
  var MARK = "data-dlc-scroller"; // set on boxes this script made focusable
  var HEADINGS = "article h1, article h2, article h3, article h4";

  var observer = null;
  var used = {}; // accessible names given so far on this page

  function nameWidgets() {
    NAMES.forEach(function (pair) {
      document.querySelectorAll(pair[0]).forEach(function (el) {
        if (!el.hasAttribute("aria-label")) el.setAttribute("aria-label", pair[1]);
      });
    });
  }

  function text(el) {
    return el ? el.textContent.replace(/\s+/g, " ").replace(/¶/g, "").trim() : "";
  }

  // The heading the box sits under: the last heading before it in the document.
  function headingBefore(el) {
    var found = "";
    var headings = document.querySelectorAll(HEADINGS);
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) {
        found = text(headings[i]);
      } else {
        break;
      }
    }
    return found;
  }

  // The label of the content tab that holds the box ("PyTorch"), if any.
  function tabLabel(el) {
    var block = el.closest(".tabbed-block");
    if (!block || !block.parentElement) return "";
    var index = Array.prototype.indexOf.call(block.parentElement.children, block);
    var set = block.closest(".tabbed-set");
    var labels = set ? set.querySelectorAll(":scope > .tabbed-labels > label") : [];
    return labels[index] ? text(labels[index]) : "";
  }

  function describe(el) {
    var kind = "Scrolling area";
    var detail = "";
    var table = el.querySelector("table");
    if (el.matches("pre > code, pre")) {
      kind = "Code";
      var title = el.closest(".highlight") && el.closest(".highlight").querySelector(".filename");
      detail = text(title) || tabLabel(el);
    } else if (el.closest(".jp-OutputArea")) {
      kind = "Cell output";
    } else if (table) {
      kind = "Table";
      detail = text(table.querySelector("caption"));
    }
    var heading = headingBefore(el);
    var parts = [detail, heading].filter(Boolean);
    var name = kind + (parts.length ? ", " + parts.join(": ") : "");
    var n = (used[name] = (used[name] || 0) + 1);
    return n > 1 ? name + " (" + n + ")" : name;
  }

  function overflows(el) {
    return el.scrollWidth > el.clientWidth + 1;
  }

  function update(el) {
    var marked = el.hasAttribute(MARK);
    if (overflows(el)) {
      if (marked || el.hasAttribute("tabindex")) return; // already reachable
      el.setAttribute(MARK, "");
      el.setAttribute("tabindex", "0");
      if (!el.hasAttribute("role")) el.setAttribute("role", "region");
      if (!el.hasAttribute("aria-label")) el.setAttribute("aria-label", describe(el));
    } else if (marked) {
      // Wide enough now (a rotated phone): no longer a tab stop of its own.
      el.removeAttribute(MARK);
      el.removeAttribute("tabindex");
      if (el.getAttribute("role") === "region") el.removeAttribute("role");
      el.removeAttribute("aria-label");
    }
  }

  function watchScrollers() {
    if (observer) observer.disconnect();
    used = {};
    var boxes = document.querySelectorAll(SCROLLERS);
    if (typeof ResizeObserver === "undefined") {
      boxes.forEach(update);
      return;
    }
    observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) {
        update(entry.target);
      });
    });
    boxes.forEach(function (box) {
      observer.observe(box);
    });
  }

  function run() {
    nameWidgets();
    watchScrollers();
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(run); // every page, instant navigation included
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();

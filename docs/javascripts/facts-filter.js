// Filter the overall facts table (docs/comparison/index.md) by topic, framework
// and text. The table is plain HTML rendered at build time; without JavaScript
// it simply shows every fact. No dependencies.
//
// Material's instant navigation swaps pages without a reload, so we hook into
// its `document$` observable when present and fall back to DOMContentLoaded.
(function () {
  "use strict";

  var FRAMEWORKS = [
    ["pytorch", "PyTorch"],
    ["tensorflow", "TensorFlow"],
    ["keras", "Keras"],
  ];

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      node.setAttribute(key, attrs[key]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function setup(root) {
    if (root.dataset.dlcReady) return; // already wired (instant navigation re-run)
    root.dataset.dlcReady = "1";
    var table = root.querySelector("table");
    var status = root.querySelector(".dlc-filter__status");
    var topics = root.querySelector("template.dlc-filter__topics");
    if (!table) return;
    var uid = "dlc-filter-" + Math.random().toString(36).slice(2, 8);

    var controls = el("div", { class: "dlc-filter__controls", role: "group", "aria-label": "Filter facts" });

    var topicLabel = el("label", { for: uid + "-topic" }, "Topic ");
    var topic = el("select", { id: uid + "-topic" });
    topic.appendChild(el("option", { value: "" }, "All topics"));
    if (topics) {
      Array.prototype.forEach.call(topics.content.querySelectorAll("option"), function (option) {
        topic.appendChild(option.cloneNode(true));
      });
    }
    topicLabel.appendChild(topic);
    controls.appendChild(topicLabel);

    var search = el("input", {
      id: uid + "-text",
      type: "search",
      placeholder: "Search facts…",
      "aria-label": "Search facts",
    });
    controls.appendChild(search);

    var boxes = el("fieldset", { class: "dlc-filter__frameworks" });
    boxes.appendChild(el("legend", {}, "Frameworks"));
    var checks = {};
    FRAMEWORKS.forEach(function (pair) {
      var box = el("input", { type: "checkbox", id: uid + "-" + pair[0], value: pair[0] });
      box.checked = true;
      checks[pair[0]] = box;
      var label = el("label", { for: uid + "-" + pair[0] });
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + pair[1]));
      boxes.appendChild(label);
    });
    controls.appendChild(boxes);

    var reset = el("button", { type: "button", class: "md-button dlc-filter__reset" }, "Reset");
    controls.appendChild(reset);
    root.insertBefore(controls, root.firstChild);

    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var topicCells = table.querySelectorAll('[data-col="topic"]');

    function apply() {
      var wantTopic = topic.value;
      var words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var ok =
          (!wantTopic || row.getAttribute("data-topic") === wantTopic) &&
          words.every(function (word) { return text.indexOf(word) !== -1; });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      FRAMEWORKS.forEach(function (pair) {
        var visible = checks[pair[0]].checked;
        table.querySelectorAll('[data-framework="' + pair[0] + '"]').forEach(function (cell) {
          cell.hidden = !visible;
        });
      });
      // A single topic makes the topic column redundant.
      Array.prototype.forEach.call(topicCells, function (cell) {
        cell.hidden = Boolean(wantTopic);
      });
      if (status) {
        status.textContent = shown + (shown === 1 ? " fact" : " facts") + " shown of " + rows.length + ".";
      }
    }

    topic.addEventListener("change", apply);
    search.addEventListener("input", apply);
    Object.keys(checks).forEach(function (key) {
      checks[key].addEventListener("change", function () {
        // Keep at least one framework visible.
        if (!Object.keys(checks).some(function (k) { return checks[k].checked; })) {
          checks[key].checked = true;
        }
        apply();
      });
    });
    reset.addEventListener("click", function () {
      topic.value = "";
      search.value = "";
      Object.keys(checks).forEach(function (key) { checks[key].checked = true; });
      apply();
    });
    apply();
  }

  function init() {
    document.querySelectorAll("[data-dlc-filter]").forEach(setup);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

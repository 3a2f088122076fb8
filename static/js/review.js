// Keyboard shortcuts of the review workspace: j/k move through the queue, Enter opens,
// t takes the next item, v jumps to the verdict form, g goes back to the queue.
(function () {
  "use strict";

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("#queue-table tbody tr[data-href]"));
  }

  function select(index) {
    var all = rows();
    if (!all.length) return;
    index = Math.max(0, Math.min(index, all.length - 1));
    all.forEach(function (row) { row.classList.remove("selected"); row.removeAttribute("aria-selected"); });
    var row = all[index];
    row.classList.add("selected");
    row.setAttribute("aria-selected", "true");
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
  }

  function selectedIndex() {
    return rows().findIndex(function (row) { return row.classList.contains("selected"); });
  }

  function typing(target) {
    var tag = (target.tagName || "").toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var current = selectedIndex();
    switch (event.key) {
      case "j":
        select(current + 1);
        break;
      case "k":
        select(current < 0 ? 0 : current - 1);
        break;
      case "Enter":
      case "o":
        if (current < 0) return;
        window.location.href = rows()[current].dataset.href;
        break;
      case "t":
        var take = document.getElementById("take-next-form");
        if (take) { take.requestSubmit ? take.requestSubmit() : take.submit(); }
        else { window.location.href = "/"; }
        break;
      case "v":
        var field = document.querySelector("#verdict-form select, #verdict-form textarea");
        if (!field) return;
        field.focus();
        field.scrollIntoView({ block: "center" });
        break;
      case "g":
        window.location.href = "/";
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var row = event.target.closest && event.target.closest("#queue-table tbody tr[data-href]");
    if (row && !event.target.closest("a, button, form")) {
      select(rows().indexOf(row));
    }
  });
})();

/* AGIR tenant pages: small improvements over pages that work without this file.
   - Arrow keys move between the choices of a grid ([data-arrows], the plan, the scene), as a
     TV remote sends them; Tab still works everywhere.
   - Enter ticks a checkbox (a remote's OK key), instead of sending the form.
   - Suggestions appear under the search field while typing.
   - A confirmation form is sent once, even on a double click. */
(function () {
  "use strict";
  var FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled])";

  function items(group) {
    return Array.prototype.filter.call(group.querySelectorAll(FOCUSABLE), function (el) {
      var box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    });
  }

  function centre(el) {
    var b = el.getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2, top: b.top, bottom: b.bottom };
  }

  // The nearest choice in the direction of the arrow: first along that direction, then across.
  function nearest(from, list, key) {
    var a = centre(from), best = null, bestScore = Infinity;
    list.forEach(function (el) {
      if (el === from) return;
      var b = centre(el), dx = b.x - a.x, dy = b.y - a.y, along, across;
      if (key === "ArrowRight") { along = dx; across = Math.abs(dy); }
      else if (key === "ArrowLeft") { along = -dx; across = Math.abs(dy); }
      else if (key === "ArrowDown") { along = dy; across = Math.abs(dx); }
      else { along = -dy; across = Math.abs(dx); }
      if (along <= 4) return;
      var score = along + across * 3;
      if (score < bestScore) { bestScore = score; best = el; }
    });
    return best;
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key === "Enter" && target.type === "checkbox") {
      event.preventDefault();
      target.click();
      return;
    }
    if (["ArrowRight", "ArrowLeft", "ArrowDown", "ArrowUp"].indexOf(event.key) < 0) return;
    if (target.matches("textarea, select, input:not([type=checkbox]):not([type=radio])")) return;
    var group = target.closest("[data-arrows], svg.plan, svg.scene");
    if (!group) return;
    var next = nearest(target, items(group), event.key);
    if (next) {
      event.preventDefault();
      next.focus();
    }
  });

  function suggestions(input) {
    var box = document.getElementById("suggestions"), timer = null, last = input.value;
    if (!box || !window.fetch) return;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var query = input.value.trim();
        if (query === last) return;
        last = query;
        if (query.length < 3) { box.innerHTML = ""; return; }
        var url = input.getAttribute("data-suggest") + "?fragment=1&q=" + encodeURIComponent(query);
        fetch(url, { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.text() : ""; })
          .then(function (html) { if (input.value.trim() === query) box.innerHTML = html; })
          .catch(function () { /* the search button still works */ });
      }, 350);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest]").forEach(suggestions);
    document.querySelectorAll("form[data-once]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (form.getAttribute("data-sent")) { event.preventDefault(); return; }
        form.setAttribute("data-sent", "1");
      });
    });
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
  });
})();

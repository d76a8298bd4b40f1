/* KIPP secretariat console: progress of long jobs, selecting many rows, keyboard moves in the screening
   queue, and confirmation before irreversible steps. Every page works without it. */
(function () {
  "use strict";

  function pollJob(box) {
    var url = box.dataset.poll, bar = document.getElementById("job-progress"),
        figures = document.getElementById("job-figures");
    function tick() {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (reply) { return reply.ok ? reply.json() : null; })
        .then(function (job) {
          if (!job) { setTimeout(tick, 2000); return; }
          bar.value = job.percent;
          bar.textContent = job.percent + "%";
          figures.textContent = (job.total ? job.done + " / " + job.total + " " : "") + "(" + job.percent + "%)";
          if (job.status === "running") { setTimeout(tick, 1000); } else { window.location.reload(); }
        })
        .catch(function () { setTimeout(tick, 2000); });
    }
    tick();
  }

  function selectAll(master) {
    var form = master.closest("form"), name = master.dataset.selectAll;
    function boxes() { return form.querySelectorAll("input[type=checkbox][name='" + name + "']"); }
    function count() {
      var out = document.getElementById("selected-count"), n = 0;
      boxes().forEach(function (b) { if (b.checked) { n += 1; } });
      if (out) { out.textContent = n; }
    }
    master.addEventListener("change", function () {
      boxes().forEach(function (b) { b.checked = master.checked; });
      count();
    });
    form.addEventListener("change", count);
    count();
  }

  function keyboardQueue(table) {
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    function at() { return rows.indexOf(document.activeElement.closest("tr")); }
    function focus(i) { var box = rows[i] && rows[i].querySelector("input[type=checkbox]"); if (box) { box.focus(); } }
    document.addEventListener("keydown", function (event) {
      var tag = (event.target.tagName || "").toLowerCase();
      if (tag === "textarea" || tag === "select" || (tag === "input" && event.target.type === "text")) { return; }
      if (event.ctrlKey || event.metaKey || event.altKey) { return; }
      var i = at();
      if (event.key === "j") { focus(Math.min(i + 1, rows.length - 1)); event.preventDefault(); }
      else if (event.key === "k") { focus(Math.max(i - 1, 0)); event.preventDefault(); }
      else if (event.key === "x" && i >= 0) {
        var box = rows[i].querySelector("input[type=checkbox]");
        box.checked = !box.checked;
        box.dispatchEvent(new Event("change", { bubbles: true }));
        event.preventDefault();
      } else if (event.key === "A" && event.shiftKey) {
        var master = document.getElementById("select-page");
        if (master) { master.click(); event.preventDefault(); }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var job = document.getElementById("job");
    if (job && job.dataset.status === "running") { pollJob(job); }
    document.querySelectorAll("input[data-select-all]").forEach(selectAll);
    var queue = document.getElementById("queue");
    if (queue) { keyboardQueue(queue); }
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
      });
    });
  });
})();

/* KIPP secretariat console, competition form: the criteria's weights summed as they are typed, and rows added
   to a list. The form works without it (blank rows are offered, the sum is shown after saving). */
(function () {
  "use strict";

  function sumWeights() {
    var out = document.getElementById("weight-sum");
    if (!out) { return; }
    var total = 0, ok = true;
    document.querySelectorAll("#rows-criteria input.weight").forEach(function (input) {
      var text = input.value.trim().replace(",", ".");
      if (!text) { return; }
      var value = Number(text);
      if (isNaN(value)) { ok = false; } else { total += value; }
    });
    out.textContent = ok ? String(Math.round(total * 1000) / 1000) : "—";
    out.closest(".weight-sum").classList.toggle("off", !ok);
  }

  function addRow(button) {
    var section = document.getElementById("rows-" + button.dataset.addRow),
        body = section.querySelector("tbody"), last = body.querySelector("tr:last-child");
    if (!last) { return; }
    var index = body.querySelectorAll("tr").length, copy = last.cloneNode(true);
    copy.querySelectorAll("input, select").forEach(function (field) {
      field.name = field.name.replace(/\.\d+\./, "." + index + ".");
      field.setAttribute("aria-label", field.getAttribute("aria-label").replace(/ \d+:/, " " + (index + 1) + ":"));
      field.setAttribute("aria-invalid", "false");
      if (field.tagName === "INPUT") { field.value = ""; }
    });
    copy.querySelectorAll(".field-msg").forEach(function (msg) { msg.remove(); });
    body.appendChild(copy);
    copy.querySelector("input").focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("competition-form");
    if (!form) { return; }
    form.addEventListener("input", function (event) {
      if (event.target.classList.contains("weight")) { sumWeights(); }
    });
    document.querySelectorAll("button[data-add-row]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { addRow(button); });
    });
    sumWeights();
  });
})();

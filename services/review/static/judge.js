/* KIPP judges' room: checks the score form before it is sent and previews the weighted total.
   The server checks again; this only saves a round trip and says what is wrong right away. */
(function () {
  "use strict";

  function parse(input) {
    if (input.validity && input.validity.badInput) return NaN;
    var text = String(input.value).trim().replace(",", ".");
    return text === "" ? null : Number(text);
  }

  function problem(input, form) {
    var value = parse(input), min = Number(input.min), max = Number(input.max);
    if (value === null) return form.dataset.msgRequired;
    if (!isFinite(value)) return form.dataset.msgNumber;
    if (value < min) return form.dataset.msgMin;
    if (value > max) return form.dataset.msgMax;
    return "";
  }

  function show(input, message) {
    var row = input.closest("tr"), note = document.getElementById("msg-" + input.id.slice(6));
    input.setAttribute("aria-invalid", message ? "true" : "false");
    if (row) row.classList.toggle("invalid", !!message);
    if (note) note.textContent = message;
  }

  function preview(form) {
    var inputs = form.querySelectorAll("input[type=number]"), sum = 0, weights = 0, complete = true;
    inputs.forEach(function (input) {
      var value = parse(input), weight = Number(input.dataset.weight);
      if (value === null || !isFinite(value)) { complete = false; return; }
      sum += weight * value; weights += weight;
    });
    var out = document.getElementById("total-preview");
    if (out) out.textContent = complete && weights ? (sum / weights).toFixed(2) : "—";
  }

  function summary(form, failures) {
    var box = document.getElementById("client-errors");
    if (!failures.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "client-errors"; box.className = "flash error"; box.setAttribute("role", "alert");
      form.insertBefore(box, form.querySelector("table"));
    }
    box.innerHTML = "";
    var head = document.createElement("p"); head.textContent = form.dataset.msgFix; box.appendChild(head);
    var list = document.createElement("ul");
    failures.forEach(function (f) {
      var item = document.createElement("li"); item.textContent = f.label + ": " + f.message;
      item.dataset.field = "scores." + f.key; list.appendChild(item);
    });
    box.appendChild(list);
  }

  function check(form) {
    var failures = [];
    form.querySelectorAll("input[type=number]").forEach(function (input) {
      var message = problem(input, form);
      show(input, message);
      if (message) failures.push({key: input.id.slice(6), label: input.dataset.label, message: message, input: input});
    });
    summary(form, failures);
    return failures;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("score-form");
    if (!form) return;
    form.noValidate = true;  /* our own messages, in the page's language, replace the browser's */
    form.addEventListener("input", function (event) {
      if (event.target.type === "number" && event.target.getAttribute("aria-invalid") === "true") {
        show(event.target, problem(event.target, form));
      }
      preview(form);
    });
    form.addEventListener("submit", function (event) {
      var failures = check(form);
      if (failures.length) { event.preventDefault(); failures[0].input.focus(); }
    });
  });
})();

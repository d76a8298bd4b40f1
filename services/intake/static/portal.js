/* The region portal's editor, on top of pages that work as plain forms without it:
   - a live word count under each section, counting words as the server's rule does;
   - the draft saved as the person types: changed fields only, debounced, by PATCH to intake's JSON API with
     the session cookie and X-CSRF-Token; a refused field is shown at its place and the rest saved anyway;
   - unsaved keystrokes kept in localStorage and restored after a reload when they are newer than the
     server's copy of that field (the server still has the value they were typed over, or saved before them);
   - PDF uploads through the API with a progress bar. */
(function () {
  "use strict";
  /* Python's str.split() whitespace (services/intake/domain/eligibility.py count_words), no more, no less */
  var SPACE = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  var DEBOUNCE_MS = 1200, RETRY_MS = 5000;
  var GROUPS = {agency: ["agency.name", "agency.cluster", "agency.region_code"],
                contact: ["contact.name", "contact.email"]};  /* sent whole: the API replaces them whole */

  function countWords(text) { return text.split(SPACE).filter(function (w) { return w.length > 0; }).length; }
  function fill(template, params) {
    return String(template).replace(/\{(\w+)\}/g, function (all, key) { return key in params ? params[key] : all; });
  }
  function fieldId(name) { return "f-" + name.replace(/\./g, "-"); }
  function formField(field) {
    var parts = String(field || "").split(".");
    if (field === "agency" || field === "contact") { return field + ".name"; }
    if (parts[0] === "sections" && parts[1]) { return "sections." + parts[1]; }
    if ((parts[0] === "agency" || parts[0] === "contact") && parts[1]) { return parts[0] + "." + parts[1]; }
    if (["closes_at", "_schema", "Idempotency-Key", ""].indexOf(parts[0]) >= 0) { return "_form"; }
    return parts[0];
  }
  function group(name) { var top = name.split(".")[0]; return GROUPS[top] || [name]; }
  function clock() {
    var now = new Date(), sep = document.documentElement.lang === "en" ? ":" : ".";
    return ("0" + now.getHours()).slice(-2) + sep + ("0" + now.getMinutes()).slice(-2);
  }

  function showError(name, text) {
    var place = document.getElementById(fieldId(name) + "-error"), control = document.getElementById(fieldId(name));
    if (place) { place.textContent = text; }
    if (control) { control.setAttribute("aria-invalid", "true"); }
  }
  function clearError(name) {
    var place = document.getElementById(fieldId(name) + "-error"), control = document.getElementById(fieldId(name));
    if (place) { place.textContent = ""; }
    if (control) { control.removeAttribute("aria-invalid"); }
  }
  function refusalText(messages, rule, field, params, said) {
    var params2 = {}, key;
    for (key in params || {}) { params2[key] = params[key]; }
    if ("words" in params2 && "limit" in params2) { params2.over = params2.words - params2.limit; }
    var template = rule ? messages.rules[rule] : null;
    if (!template && String(said || "").indexOf("control-character") === 0) {
      template = messages.rules["control-character"];
    }
    var text = template ? fill(template, params2) : "";
    if (!text || text.indexOf("{") >= 0) {
      var name = formField(field);
      text = messages.fields[name] || messages.fields[name.split(".")[0]] || messages.fields._form;
    }
    return text;
  }
  /* {form field: sentence} from the API's 422 (its violations, or the schema's errors) */
  function refusals(messages, body) {
    var found = {};
    (body.violations || []).forEach(function (v) {
      found[formField(v.field)] = refusalText(messages, v.rule, v.field, v.params);
    });
    Object.keys(body.errors || {}).forEach(function (field) {
      var name = formField(field);
      if (!(name in found)) {
        var said = (body.errors[field] || [])[0];
        found[name] = refusalText(messages, body.violations ? null : body.rule, field, {}, said);
      }
    });
    return found;
  }

  function WordCount(area, words) {
    var max = parseInt(area.dataset.maxWords, 10), out = document.getElementById(area.id + "-count");
    var over = document.createElement("span");
    over.className = "over-msg";
    out.appendChild(over);
    function update() {
      var n = countWords(area.value);
      out.querySelector(".n").textContent = n;
      out.classList.toggle("over", n > max);
      over.textContent = n > max ? " — " + fill(words.over, {over: n - max}) : "";
    }
    area.addEventListener("input", update);
    update();
  }

  function Editor(form) {
    this.form = form;
    this.key = "kipp-draft:" + form.dataset.entry;
    this.messages = JSON.parse(form.dataset.messages);
    this.words = JSON.parse(form.dataset.words);
    this.status = document.getElementById("save-status");
    this.updatedAt = form.dataset.updatedAt;
    this.server = {};   /* name → the value the server holds */
    this.dirty = {};    /* name → {value, base, at}: typed, not saved yet */
    this.refused = {};  /* name → the value the server refused (not sent again until it changes) */
    this.timer = null;
    this.busy = false;
    this.again = false;
  }
  Editor.prototype.names = function () {
    var seen = {}, out = [];
    Array.prototype.forEach.call(this.form.elements, function (el) {
      if (el.name && el.name !== "csrf" && !seen[el.name]) { seen[el.name] = true; out.push(el.name); }
    });
    return out;
  };
  Editor.prototype.value = function (name) {
    var els = this.form.elements[name];
    if (name === "sdgs") {
      return Array.prototype.filter.call(els, function (el) { return el.checked; })
        .map(function (el) { return el.value; }).join(",");
    }
    return els ? els.value : "";
  };
  Editor.prototype.set = function (name, value) {
    if (name === "sdgs") {
      var chosen = value ? value.split(",") : [];
      Array.prototype.forEach.call(this.form.elements.sdgs, function (el) {
        el.checked = chosen.indexOf(el.value) >= 0;
      });
      return;
    }
    var el = this.form.elements[name];
    if (el) { el.value = value; el.dispatchEvent(new Event("input")); }
  };
  Editor.prototype.say = function (look, text) {
    this.status.className = "save-status " + look;
    this.status.textContent = text;
  };
  Editor.prototype.persist = function () {
    try {
      if (Object.keys(this.dirty).length) { localStorage.setItem(this.key, JSON.stringify({fields: this.dirty})); }
      else { localStorage.removeItem(this.key); }
    } catch (e) { /* storage full or off: the server copy is all there is */ }
  };
  Editor.prototype.start = function () {
    var self = this, stored = null, restored = false, now = new Date().toISOString();
    this.names().forEach(function (name) { self.server[name] = self.value(name); });
    Array.prototype.forEach.call(this.form.querySelectorAll("[data-unsaved]"), function (el) {
      var name = el.name || (el.id === fieldId("sdgs") ? "sdgs" : null);
      if (!name) { return; }
      self.server[name] = null;  /* the page shows what was refused, not what the server holds */
      self.dirty[name] = {value: self.value(name), base: null, at: now};
      self.refused[name] = self.value(name);
    });
    try { stored = JSON.parse(localStorage.getItem(this.key) || "null"); } catch (e) { stored = null; }
    Object.keys((stored && stored.fields) || {}).forEach(function (name) {
      var kept = stored.fields[name], current = self.value(name);
      if (!(name in self.server) || kept.value === current) { return; }
      if (kept.base === current || Date.parse(kept.at) > Date.parse(self.updatedAt)) {
        self.set(name, kept.value);
        self.dirty[name] = kept;
        restored = true;
      }
    });
    this.persist();
    if (restored) { this.say("busy", this.words.restored); this.schedule(); }
    this.form.addEventListener("input", function (ev) { self.changed(ev.target); });
    this.form.addEventListener("change", function (ev) { self.changed(ev.target); });
    window.addEventListener("pagehide", function () { self.flush(); });
  };
  Editor.prototype.changed = function (el) {
    var name = el.name;
    if (!name || name === "csrf" || !(name in this.server)) { return; }
    var value = this.value(name);
    if (value === this.server[name]) { delete this.dirty[name]; }
    else {
      var kept = this.dirty[name] || {base: this.server[name]};
      this.dirty[name] = {value: value, base: kept.base, at: new Date().toISOString()};
    }
    this.persist();
    this.schedule();
  };
  Editor.prototype.schedule = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.save(); }, DEBOUNCE_MS);
  };
  Editor.prototype.sendable = function () {
    var self = this, names = {};
    Object.keys(this.dirty).forEach(function (name) {
      if (self.refused[name] === self.dirty[name].value) { return; }
      group(name).forEach(function (n) { names[n] = true; });
    });
    return Object.keys(names);
  };
  Editor.prototype.body = function (names) {
    var self = this, body = {};
    names.forEach(function (name) {
      var value = self.value(name);
      if (name.indexOf("sections.") === 0) { (body.sections = body.sections || {})[name.slice(9)] = value; }
      else if (name.indexOf("agency.") === 0) {
        body.agency = {name: self.value("agency.name").trim(), cluster: self.value("agency.cluster"),
                       region_code: self.value("agency.region_code")};
      } else if (name.indexOf("contact.") === 0) {
        body.contact = {name: self.value("contact.name").trim(), email: self.value("contact.email").trim()};
      } else if (name === "sdgs") { body.sdgs = value ? value.split(",").map(Number) : []; }
      else if (name === "videos") {
        body.videos = value.split("\n").map(function (l) { return l.trim(); }).filter(function (l) { return l; });
      } else { body[name] = value.trim(); }
    });
    return body;
  };
  Editor.prototype.flush = function () {
    var names = this.sendable();
    if (!names.length) { return; }
    try {
      fetch(this.form.dataset.api, {method: "PATCH", keepalive: true, credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRF-Token": this.form.dataset.csrf},
        body: JSON.stringify(this.body(names))});
    } catch (e) { /* the keystrokes are in localStorage */ }
  };
  Editor.prototype.save = function (only) {
    var self = this, names = only || this.sendable();
    if (this.busy) { this.again = true; return; }
    if (!names.length) { return; }
    var sent = {};
    names.forEach(function (name) { sent[name] = self.value(name); });
    this.busy = true;
    this.say("busy", this.words.saving);
    fetch(this.form.dataset.api, {method: "PATCH", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json",
                "X-CSRF-Token": this.form.dataset.csrf},
      body: JSON.stringify(this.body(names))})
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) { return [response, data]; });
      })
      .then(function (answer) { self.answered(answer[0], answer[1], names, sent); })
      .catch(function () { self.say("bad", self.words.offline); setTimeout(function () { self.save(); }, RETRY_MS); })
      .then(function () {
        self.busy = false;
        if (self.again) { self.again = false; self.save(); }
      });
  };
  Editor.prototype.answered = function (response, data, names, sent) {
    var self = this;
    if (response.ok) {
      names.forEach(function (name) {
        self.server[name] = sent[name];
        delete self.refused[name];
        if (self.dirty[name] && self.dirty[name].value === sent[name]) { delete self.dirty[name]; }
        clearError(name);
      });
      if (data.updated_at) { this.updatedAt = data.updated_at; }
      this.persist();
      var left = this.sendable().length || Object.keys(this.refused).length;
      this.say(left ? "bad" : "ok", left ? this.words.unsaved : fill(this.words.saved, {time: clock()}));
    } else if (response.status === 422) {
      var found = refusals(this.messages, data), failed = {};
      Object.keys(found).forEach(function (name) {
        if (name === "_form") { return; }
        showError(name, found[name]);
        group(name).forEach(function (n) { failed[n] = true; self.refused[n] = sent[n]; });
      });
      var rest = names.filter(function (n) { return !failed[n]; });
      this.say("bad", this.words.unsaved);
      if (rest.length && rest.length < names.length) { setTimeout(function () { self.save(rest); }, 0); }
    } else if (response.status === 409) {
      this.say("bad", this.words.locked);
    } else {
      this.say("bad", this.words.offline);
      setTimeout(function () { self.save(); }, RETRY_MS);
    }
  };

  function Uploader(form, messages, words) {
    var input = form.querySelector("input[type=file]"), bar = document.getElementById("upload-progress");
    var status = document.getElementById("upload-status"), list = document.getElementById("attachment-list");
    form.addEventListener("submit", function (ev) {
      var file = input.files[0];
      if (!file || !window.FormData) { return; }  /* the server says what is missing */
      ev.preventDefault();
      clearError("file");
      if (file.size > parseInt(form.dataset.maxBytes, 10)) {
        showError("file", messages.rules["file-too-large"]);
        return;
      }
      if (!/\.pdf$/i.test(file.name)) { showError("file", messages.rules["name-not-pdf"]); return; }
      var data = new FormData(), xhr = new XMLHttpRequest();
      data.append("file", file, file.name);
      xhr.open("POST", form.dataset.api);
      xhr.setRequestHeader("X-CSRF-Token", form.dataset.csrf);
      xhr.setRequestHeader("Accept", "application/json");
      bar.hidden = false;
      bar.value = 0;
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) { return; }
        var percent = Math.round(e.loaded * 100 / e.total);
        bar.value = percent;
        status.textContent = fill(words.uploading, {percent: percent});
      });
      xhr.addEventListener("load", function () {
        var body = {};
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
        if (xhr.status === 201) {
          bar.value = 100;
          status.textContent = words.uploaded;
          list.appendChild(row(form, body));
          document.getElementById("no-attachments").hidden = true;
          input.value = "";
        } else {
          bar.hidden = true;
          status.textContent = "";
          showError("file", refusalText(messages, body.rule, "file", {}));
        }
      });
      xhr.addEventListener("error", function () { bar.hidden = true; showError("file", words.offline); });
      xhr.send(data);
    });
  }
  function row(form, attachment) {
    var item = document.getElementById("attachment-row").content.firstElementChild.cloneNode(true);
    var link = item.querySelector("a.name");
    item.dataset.attachment = attachment.id;
    link.href = form.dataset.download.replace("ATTACHMENT", attachment.id);
    link.textContent = attachment.filename;
    item.querySelector(".size").textContent = Math.ceil((attachment.size || 0) / 1024) + " KB";
    item.querySelector("form").action = form.dataset.remove.replace("ATTACHMENT", attachment.id);
    item.querySelector("button .visually-hidden").textContent = " " + attachment.filename;
    return item;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var editor = document.getElementById("editor"), upload = document.getElementById("upload-form");
    var words = editor ? JSON.parse(editor.dataset.words) : {};
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-max-words]"), function (area) {
      WordCount(area, words);
    });
    if (editor && window.fetch) { new Editor(editor).start(); }
    if (editor && upload) { Uploader(upload, JSON.parse(editor.dataset.messages), words); }
    Array.prototype.forEach.call(document.querySelectorAll("[data-forget-draft]"), function (el) {
      try { localStorage.removeItem("kipp-draft:" + el.dataset.forgetDraft); } catch (e) { /* nothing kept */ }
    });
    var summary = document.getElementById("error-summary");
    if (summary) { summary.setAttribute("tabindex", "-1"); summary.focus(); }
  });
})();

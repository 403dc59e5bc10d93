/*
 * Gatehouse console: small enhancements on top of pages that work without JavaScript.
 *  - flash messages get a close button;
 *  - editable row tables (service targets) get "add row" and "remove row" buttons;
 *  - filter forms submit when their select changes;
 *  - [data-live-refresh] regions reload their content from the server every few seconds;
 *  - [data-show-when="field=value"] sections show only while that field has that value (route auth settings);
 *  - [data-copy] buttons copy the text of an element (a newly issued key) to the clipboard.
 */
(function () {
  "use strict";

  function onReady(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  function initFlash() {
    document.querySelectorAll("[data-flash]").forEach(function (flash) {
      var close = flash.querySelector("[data-dismiss]");
      if (!close) return;
      close.hidden = false;
      close.addEventListener("click", function () {
        var area = flash.parentElement;
        flash.remove();
        if (area && !area.children.length) area.remove();
      });
    });
  }

  /* Field names look like targets[2].host; ids like targets2.host (Spring's th:field convention). */
  function renumber(tbody, prefix) {
    var pattern = new RegExp("^" + prefix + "\\[\\d+\\]");
    var idPattern = new RegExp("^" + prefix + "\\d+");
    Array.prototype.forEach.call(tbody.querySelectorAll("[data-row]"), function (row, index) {
      row.querySelectorAll("input, select, textarea").forEach(function (input) {
        if (input.name) input.name = input.name.replace(pattern, prefix + "[" + index + "]");
        if (input.id) input.id = input.id.replace(idPattern, prefix + index);
      });
    });
  }

  function clearRow(row) {
    row.querySelectorAll("input").forEach(function (input) { input.value = ""; });
    row.querySelectorAll(".field-error").forEach(function (error) { error.remove(); });
    row.querySelectorAll(".has-error").forEach(function (cell) { cell.classList.remove("has-error"); });
  }

  function initRows() {
    document.querySelectorAll("table[data-rows]").forEach(function (table) {
      var prefix = table.getAttribute("data-rows");
      var tbody = table.tBodies[0];
      var add = document.querySelector('[data-add-row="' + prefix + '"]');

      function wire(row) {
        var remove = row.querySelector("[data-remove-row]");
        if (!remove) return;
        remove.hidden = false;
        remove.addEventListener("click", function () {
          if (tbody.querySelectorAll("[data-row]").length > 1) {
            row.remove();
            renumber(tbody, prefix);
          } else {
            clearRow(row);
          }
        });
      }

      tbody.querySelectorAll("[data-row]").forEach(wire);
      if (!add) return;
      add.hidden = false;
      add.addEventListener("click", function () {
        var rows = tbody.querySelectorAll("[data-row]");
        var copy = rows[rows.length - 1].cloneNode(true);
        clearRow(copy);
        tbody.appendChild(copy);
        wire(copy);
        renumber(tbody, prefix);
        var first = copy.querySelector("input");
        if (first) first.focus();
      });
    });
  }

  function initAutoSubmit() {
    document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
      var button = form.querySelector("[data-autosubmit-button]");
      if (button) button.hidden = true;
      form.querySelectorAll("select").forEach(function (select) {
        select.addEventListener("change", function () { form.submit(); });
      });
    });
  }

  function initLiveRefresh() {
    document.querySelectorAll("[data-live-refresh]").forEach(function (region) {
      var interval = parseInt(region.getAttribute("data-live-refresh"), 10) || 5000;
      var busy = false;

      function refresh() {
        if (busy || document.hidden) return;
        busy = true;
        fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
          .then(function (response) {
            if (!response.ok) throw new Error("status " + response.status);
            return response.text().then(function (html) { return { url: response.url, html: html }; });
          })
          .then(function (page) {
            var doc = new DOMParser().parseFromString(page.html, "text/html");
            var fresh = doc.getElementById(region.id);
            if (!fresh) {
              // Signed out or redirected: let the browser show whatever the server wants.
              window.location.reload();
              return;
            }
            region.innerHTML = fresh.innerHTML;
            var revision = doc.querySelector(".revision");
            var current = document.querySelector(".revision");
            if (revision && current) current.outerHTML = revision.outerHTML;
          })
          .catch(function () { /* keep the last content; try again next tick */ })
          .then(function () { busy = false; });
      }

      window.setInterval(refresh, interval);
      document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
    });
  }

  /* Without JavaScript every section stays visible; the server ignores the settings of modes not chosen. */
  function initShowWhen() {
    document.querySelectorAll("[data-show-when]").forEach(function (section) {
      var rule = section.getAttribute("data-show-when").split("=");
      var form = section.closest("form");
      var control = form && form.querySelector('[name="' + rule[0] + '"]');
      if (!control) return;
      function update() { section.hidden = control.value !== rule[1]; }
      control.addEventListener("change", update);
      update();
    });
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  /* The clipboard API needs a secure context (HTTPS or localhost); elsewhere the text is selected and the
     older copy command tried, and failing that the admin is told to press Ctrl+C. */
  function initCopy() {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) return;
      var label = button.querySelector("[data-copy-label]") || button;
      var status = button.closest(".secret-box") && button.closest(".secret-box").querySelector("[data-copy-status]");
      var original = label.textContent;
      button.hidden = false;

      function done(ok) {
        label.textContent = ok ? button.getAttribute("data-copied-text") : original;
        if (status) status.textContent = ok ? "" : button.getAttribute("data-failed-text");
        if (ok) window.setTimeout(function () { label.textContent = original; }, 2500);
      }

      function fallback() {
        selectText(source);
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        done(ok);
      }

      button.addEventListener("click", function () {
        var text = source.textContent.trim();
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
        } else {
          fallback();
        }
      });
    });
  }

  onReady(function () {
    initFlash();
    initShowWhen();
    initCopy();
    initRows();
    initAutoSubmit();
    initLiveRefresh();
  });
})();

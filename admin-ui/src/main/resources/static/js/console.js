/*
 * Gatehouse console: small enhancements on top of pages that work without JavaScript.
 *  - flash messages get a close button;
 *  - editable row tables (service targets) get "add row" and "remove row" buttons;
 *  - filter forms submit when their select changes;
 *  - [data-live-refresh] regions reload their content from the server every few seconds, without reloading the
 *    page; a [data-refresh-toggle] button pauses and resumes that (remembered for the browser tab's session);
 *  - forms show a busy state while they submit: the submit button is disabled and says so, so a slow answer is
 *    visible and a second click cannot send the form twice;
 *  - [data-show-when="field=value"] sections show only while that field has that value (route auth settings);
 *  - [data-tail] panels show calls as they arrive (server-sent events), with pause and resume;
 *  - [data-chart] boxes on the dashboard draw their series with uPlot;
 *  - [data-copy] buttons copy the text of an element (a newly issued key) to the clipboard;
 *  - [data-width] meter bars get their width (a percentage); the Content-Security-Policy forbids inline styles.
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

  function initWidths(root) {
    root.querySelectorAll("[data-width]").forEach(function (bar) {
      var percent = parseFloat(bar.getAttribute("data-width"));
      if (isNaN(percent)) return;
      bar.style.width = Math.max(0, Math.min(100, percent)) + "%";
    });
  }

  function initLiveRefresh() {
    document.querySelectorAll("[data-live-refresh]").forEach(function (region) {
      var interval = parseInt(region.getAttribute("data-live-refresh"), 10) || 5000;
      var busy = false;
      var toggle = document.getElementById(region.getAttribute("data-refresh-toggle") || "");
      var state = document.getElementById(region.getAttribute("data-refresh-state") || "");
      var storageKey = "gatehouse.refresh.paused:" + window.location.pathname;
      var paused = toggle ? readPaused() : false;
      var refreshes = 0;
      var skipped = 0;

      function readPaused() {
        try { return window.sessionStorage.getItem(storageKey) === "true"; } catch (e) { return false; }
      }

      function savePaused() {
        try { window.sessionStorage.setItem(storageKey, paused ? "true" : "false"); } catch (e) { /* private mode */ }
      }

      /* The region's attributes tell browser tests (and curious admins) what the refresher did. */
      function showState() {
        region.setAttribute("data-refresh-paused", paused ? "true" : "false");
        if (!toggle) return;
        /* The label says what a press does (like the live tail's); the status line beside it says the state. */
        toggle.textContent = toggle.getAttribute(paused ? "data-resume-text" : "data-pause-text");
        if (state) state.textContent = state.getAttribute(paused ? "data-paused-text" : "data-running-text");
      }

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
            if (paused) return; /* paused while the answer was on its way */
            destroyCharts(region);
            region.innerHTML = fresh.innerHTML;
            initWidths(region);
            drawCharts(region);
            (region.getAttribute("data-refresh-also") || "").split(" ").forEach(function (id) {
              var mine = id && document.getElementById(id);
              var theirs = id && doc.getElementById(id);
              if (mine && theirs) mine.textContent = theirs.textContent;
            });
            var revision = doc.querySelector(".revision");
            var current = document.querySelector(".revision");
            if (revision && current) current.outerHTML = revision.outerHTML;
            refreshes++;
            region.setAttribute("data-refreshes", String(refreshes));
          })
          .catch(function () { /* keep the last content; try again next tick */ })
          .then(function () { busy = false; });
      }

      function tick() {
        if (paused) {
          skipped++;
          region.setAttribute("data-refresh-skipped", String(skipped));
          return;
        }
        refresh();
      }

      if (toggle) {
        toggle.hidden = false;
        toggle.addEventListener("click", function () {
          paused = !paused;
          savePaused();
          showState();
          if (!paused) refresh();
        });
      }
      region.setAttribute("data-refreshes", "0");
      showState();
      window.setInterval(tick, interval);
      document.addEventListener("visibilitychange", function () { if (!document.hidden && !paused) refresh(); });
    });
  }

  /* A submitted form says it is working: its submit button is disabled (no second submission) and shows a
     spinner and the text of data-busy-text (or "Working…"). Leaving the page ends the state; coming back to it
     from the browser's history restores the buttons. Forms marked data-no-busy are left alone. */
  function initBusyForms() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!(form instanceof HTMLFormElement) || form.hasAttribute("data-no-busy") || event.defaultPrevented) return;
      if (form.target && form.target !== "_self") return; /* this page stays: nothing to wait for here */
      if ((form.method || "get").toLowerCase() === "get") return; /* filters: instant, and may be sent again */
      var button = event.submitter || form.querySelector("button[type=submit], button:not([type])");
      if (!button || button.disabled) return;
      /* Disabled after the browser took the button's own name and value (if any) into the submission. */
      window.setTimeout(function () {
        button.setAttribute("data-idle-html", button.innerHTML);
        button.disabled = true;
        button.classList.add("is-busy");
        button.textContent = button.getAttribute("data-busy-text") || document.documentElement.getAttribute("data-busy-text") || "Working…";
        form.setAttribute("aria-busy", "true");
      }, 0);
    });
    window.addEventListener("pageshow", function (event) {
      if (!event.persisted) return;
      document.querySelectorAll("button.is-busy").forEach(function (button) {
        button.disabled = false;
        button.classList.remove("is-busy");
        button.innerHTML = button.getAttribute("data-idle-html");
        var form = button.form;
        if (form) form.removeAttribute("aria-busy");
      });
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

  /* Live tail: an EventSource on [data-tail] (the page's filters in its query) adds each call as a row on top;
     Pause closes the stream and Resume reopens it at the last position the server sent (a call's or a
     "position" event's id, in ingestion order), so nothing in between is lost or shown twice. */
  function initTail() {
    var panel = document.querySelector("[data-tail]");
    if (!panel || !window.EventSource) return;
    var url = panel.getAttribute("data-tail");
    var callBase = panel.getAttribute("data-call-base");
    var rows = panel.querySelector("[data-tail-rows]");
    var empty = panel.querySelector("[data-tail-empty]");
    var state = panel.querySelector("[data-tail-state]");
    var toggle = panel.querySelector("[data-tail-toggle]");
    var clear = panel.querySelector("[data-tail-clear]");
    var source = null;
    var last = null;
    var max = 200;
    panel.hidden = false;

    function cell(text, className) {
      var td = document.createElement("td");
      if (className) td.className = className;
      td.textContent = text == null || text === "" ? "–" : text;
      return td;
    }

    function badge(status) {
      var span = document.createElement("span");
      span.className = "badge " + (status >= 500 ? "badge-red" : status >= 400 ? "badge-amber"
        : status >= 300 ? "badge-blue" : "badge-green");
      span.textContent = status;
      return span;
    }

    function add(call) {
      var tr = document.createElement("tr");
      tr.className = "tail-row-new";
      tr.setAttribute("data-request-id", call.requestId || "");
      var time = document.createElement("td");
      time.className = "nowrap";
      var link = document.createElement("a");
      link.href = callBase + encodeURIComponent(call.requestId || "");
      link.textContent = String(call.timestamp).replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC");
      time.appendChild(link);
      tr.appendChild(time);
      tr.appendChild(cell(call.method, "mono"));
      tr.appendChild(cell(call.path, "mono path-cell"));
      var status = document.createElement("td");
      status.appendChild(badge(call.status));
      tr.appendChild(status);
      tr.appendChild(cell(call.routeName));
      tr.appendChild(cell(call.consumerName));
      tr.appendChild(cell(call.keyPrefix, "mono"));
      tr.appendChild(cell((call.latencyMicros / 1000).toFixed(1), "num"));
      tr.appendChild(cell(call.nodeId, "mono muted"));
      rows.insertBefore(tr, rows.firstChild);
      while (rows.children.length > max) rows.removeChild(rows.lastChild);
      empty.hidden = true;
    }

    function open() {
      source = new EventSource(last ? url + (url.indexOf("?") < 0 ? "?" : "&") + "after=" + encodeURIComponent(last) : url);
      source.addEventListener("open", function () { state.textContent = ""; });
      source.addEventListener("call", function (event) {
        last = event.lastEventId || last;
        try { add(JSON.parse(event.data)); } catch (e) { /* skip a malformed event */ }
      });
      source.addEventListener("position", function (event) { last = event.lastEventId || last; });
      source.addEventListener("error", function () {
        if (source && source.readyState === EventSource.CLOSED) state.textContent = state.getAttribute("data-offline-text");
      });
      panel.classList.remove("paused");
      toggle.textContent = toggle.getAttribute("data-pause-text");
    }

    function close() {
      if (source) source.close();
      source = null;
      panel.classList.add("paused");
      toggle.textContent = toggle.getAttribute("data-resume-text");
    }

    toggle.addEventListener("click", function () { if (source) close(); else open(); });
    clear.addEventListener("click", function () { rows.innerHTML = ""; empty.hidden = false; });
    open();
  }

  /* Dashboard charts: uPlot (served as a webjar) draws the columns of #chart-data into each [data-chart] box. The
     value axes come from the server (ChartAxis: round ticks from 0, distinct labels, a sensible span without
     data). Called again for a region whose content a live refresh replaced. */
  function drawCharts(root) {
    var data = root.querySelector("#chart-data");
    var boxes = root.querySelectorAll("[data-chart]");
    if (!data || !boxes.length) return;
    if (!window.uPlot) return;
    var chart = JSON.parse(data.textContent);
    var colors = { rps: "#4f46e5", errors: "#c4261a", p50: "#0f7352", p95: "#b54708", p99: "#c4261a" };
    var axisColor = "#626b7d";
    var gridColor = "#eef0f4";
    boxes.forEach(function (box) {
      var kind = box.getAttribute("data-chart");
      var axis = kind === "latency" ? chart.latencyAxis : kind === "rps" ? chart.rpsAxis : chart.errorAxis;
      var series = [{}];
      var columns = [chart.t];
      if (kind === "latency") {
        ["p50", "p95", "p99"].forEach(function (name) {
          series.push({ label: name, stroke: colors[name], width: 2, spanGaps: false });
          columns.push(chart[name]);
        });
      } else {
        series.push({ label: box.getAttribute("data-label"), stroke: colors[kind], width: 2,
          fill: kind === "rps" ? "rgba(79, 70, 229, .08)" : "rgba(196, 38, 26, .08)" });
        columns.push(kind === "rps" ? chart.rps : chart.errorPercent);
      }
      var options = {
        width: Math.max(box.clientWidth, 200), height: 200, series: series,
        legend: { show: kind === "latency" }, cursor: { drag: { x: false, y: false } },
        /* The console states times in UTC: draw the time axis in UTC, not the browser's zone. */
        tzDate: function (ts) { return window.uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC"); },
        scales: { x: { time: true }, y: { range: function () { return [0, axis.max]; } } },
        axes: [
          { stroke: axisColor, grid: { stroke: gridColor } },
          { stroke: axisColor, grid: { stroke: gridColor }, size: 50,
            splits: function () { return axis.ticks; },
            values: function () { return axis.labels; } }
        ]
      };
      box.innerHTML = "";
      var plot = new window.uPlot(options, columns, box);
      box.uplot = plot; /* the drawn instance: its data is what the chart shows (read by browser tests) */
      box.setAttribute("data-chart-ready", "true");
      /* What the value axis says, for browser tests and text-only readers of the page. */
      box.setAttribute("data-axis-labels", axis.labels.join(" "));
    });
  }

  function destroyCharts(root) {
    root.querySelectorAll("[data-chart-ready]").forEach(function (box) {
      if (box.uplot) box.uplot.destroy();
      box.uplot = null;
    });
  }

  function resizeCharts() {
    document.querySelectorAll("[data-chart-ready]").forEach(function (box) {
      if (box.uplot) box.uplot.setSize({ width: Math.max(box.clientWidth, 200), height: 200 });
    });
  }

  var chartsDone = false;
  function initChartsOnce() {
    if (chartsDone) return;
    chartsDone = true;
    drawCharts(document);
    window.addEventListener("resize", resizeCharts);
  }

  onReady(function () {
    initWidths(document);
    initFlash();
    initShowWhen();
    initCopy();
    initRows();
    initAutoSubmit();
    initBusyForms();
    initLiveRefresh();
    initTail();
    if (window.uPlot) initChartsOnce(); else window.addEventListener("load", initChartsOnce);
  });
})();

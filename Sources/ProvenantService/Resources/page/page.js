// Provenant upload page. Every word shown comes from the strings the server embedded in the page
// (Resources/strings/<lang>.json); this file holds no text for people. Nothing is stored: the file goes
// to the service once, and the form is cleared after the answer.
(function () {
  "use strict";
  var S = JSON.parse(document.getElementById("page-strings").textContent);
  var config = JSON.parse(document.getElementById("page-config").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var fill = function (template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) { return key in values ? values[key] : whole; });
  };
  // As the CLI writes it: one decimal, and "> 99.9 %" / "< 0.1 %" at the ends.
  var percent = function (p) {
    if (p > 0.999) { return "> 99.9 %"; }
    if (p < 0.001) { return "< 0.1 %"; }
    return (p * 100).toFixed(1) + " %";
  };

  var lang = document.documentElement.lang;
  var current = $("lang-" + lang);
  if (current) { current.setAttribute("aria-current", "page"); }
  if (config.auth_required) { $("auth-row").hidden = false; }

  var zone = $("drop-zone");
  var input = $("file-input");
  zone.addEventListener("click", function (event) { if (event.target !== input) { input.click(); } });
  zone.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") { event.preventDefault(); input.click(); }
  });
  zone.addEventListener("dragover", function (event) { event.preventDefault(); zone.classList.add("dragging"); });
  zone.addEventListener("dragleave", function () { zone.classList.remove("dragging"); });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("dragging");
    if (event.dataTransfer && event.dataTransfer.files.length > 0) { send(event.dataTransfer.files[0]); }
  });
  input.addEventListener("change", function () { if (input.files.length > 0) { send(input.files[0]); } });

  function showProgress(text, value) {
    $("progress").hidden = false;
    $("progress-label").textContent = text;
    var bar = $("progress-bar");
    if (value === null) { bar.removeAttribute("value"); } else { bar.value = value; }
  }

  function send(file) {
    $("result").hidden = true;
    $("error").hidden = true;
    showProgress(fill(S.uploading, { percent: "0" }), 0);
    var request = new XMLHttpRequest();
    request.open("POST", "/v1/check?filename=" + encodeURIComponent(file.name));
    request.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    var key = $("api-key").value;
    if (key) { request.setRequestHeader("Authorization", "Bearer " + key); }
    request.upload.onprogress = function (event) {
      if (event.lengthComputable) {
        var done = Math.round((event.loaded / event.total) * 100);
        showProgress(fill(S.uploading, { percent: String(done) }), done);
      }
    };
    request.upload.onload = function () { showProgress(S.analysing, null); };
    request.onload = function () {
      $("progress").hidden = true;
      input.value = "";
      var body = null;
      try { body = JSON.parse(request.responseText); } catch (ignored) { body = null; }
      if (request.status === 200 && body) { render(file.name, body); } else { fail(request.status, body); }
    };
    request.onerror = function () { $("progress").hidden = true; input.value = ""; fail(0, null); };
    request.send(file);
  }

  function fail(status, body) {
    var message = S["error_" + status] || S.error_generic;
    if (body && body.error && body.error.code) { message += " (" + body.error.code + ")"; }
    $("error").textContent = message;
    $("error").hidden = false;
  }

  function render(name, report) {
    $("result-file").textContent = fill(S.result_file, { name: name });
    var p = report.ai_probability;
    $("probability-value").textContent = percent(p);
    $("gauge-fill").style.width = ((1 - p) * 100) + "%";
    $("gauge-marker").style.left = "calc(" + (p * 100) + "% - 2px)";
    var verdict = $("verdict");
    verdict.dataset.verdict = report.verdict;
    verdict.textContent = S["verdict_" + report.verdict] || report.verdict;
    var list = $("evidence");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    evidenceLines(report).forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    $("result").hidden = false;
    $("result-heading").focus();
  }

  function evidenceLines(report) {
    var lines = [];
    var c2pa = report.provenance && report.provenance.c2pa;
    if (c2pa) {
      lines.push(S["c2pa_" + c2pa.state] || c2pa.state);
      if (c2pa.signer) { lines.push(fill(S.c2pa_signer, { signer: c2pa.signer })); }
      if (c2pa.digital_source_type) {
        var term = c2pa.digital_source_type.split("/").pop();
        lines.push(fill(S.c2pa_origin, { origin: S["source_" + term] || term }));
      }
    }
    var signals = report.signals || [];
    var watermark = signals.filter(function (s) { return s.kind === "watermark"; });
    watermark.forEach(function (s) { lines.push(s.detected ? S.watermark_found : S.watermark_none); });
    var metadata = signals.filter(function (s) { return s.kind === "metadata" && s.detected; });
    if (metadata.length === 0) { lines.push(S.metadata_none); }
    metadata.forEach(function (s) { lines.push(fill(S.metadata_found, { name: s.name })); });
    var detector = signals.filter(function (s) { return s.kind === "detector"; });
    if (detector.length === 0) { lines.push(S.detector_off); }
    detector.forEach(function (s) {
      lines.push(s.score === null ? S.detector_off : fill(S.detector_score, { score: percent(s.score) }));
    });
    return lines;
  }
})();

/* The dashboard's two charts, drawn by the vendored Chart.js from the page's JSON (the same figures are in the
   table under them, which works without JavaScript). Numbers are written in the page's language. */
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("chart-data");
    if (!source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var lang = document.documentElement.lang || "vi";
    var fmt = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
    var tick = { callback: function (v) { return fmt.format(v); } };
    var tooltip = { callbacks: { label: function (c) { return c.dataset.label + ": " + fmt.format(c.parsed.y); } } };
    var labels = JSON.parse(document.getElementById("chart-labels").textContent);
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.animation = false;
    new Chart(document.getElementById("chart-index"), {
      type: "line",
      data: { labels: data.labels, datasets: [
        { label: labels.total, data: data.total, borderColor: "#1f3a5f", backgroundColor: "#1f3a5f", yAxisID: "y", tension: 0.2 },
        { label: labels.on_time, data: data.on_time, borderColor: "#1d6b3a", backgroundColor: "#1d6b3a", yAxisID: "y1", borderDash: [6, 4], tension: 0.2 }
      ] },
      options: { responsive: true, maintainAspectRatio: false, plugins: { tooltip: tooltip },
        scales: { y: { min: 0, max: 100, ticks: tick, title: { display: true, text: labels.points } },
                  y1: { min: 0, max: 100, position: "right", grid: { drawOnChartArea: false }, ticks: { callback: function (v) { return fmt.format(v) + "%"; } } } } }
    });
    new Chart(document.getElementById("chart-counts"), {
      type: "bar",
      data: { labels: data.labels, datasets: [
        { label: labels.received, data: data.received, backgroundColor: "#8fa9c7" },
        { label: labels.finished_on_time, data: data.finished_on_time, backgroundColor: "#1d6b3a" },
        { label: labels.finished_late, data: data.finished_late, backgroundColor: "#e08a00" },
        { label: labels.overdue, data: data.overdue, backgroundColor: "#a1121f" }
      ] },
      options: { responsive: true, maintainAspectRatio: false, plugins: { tooltip: tooltip },
        scales: { y: { beginAtZero: true, ticks: { precision: 0, callback: function (v) { return fmt.format(v); } } } } }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();

/* Charts from data blocks: <canvas data-chart="line" data-series-id="ID"> reads the JSON of
   <script type="application/json" id="ID"> ({label, units, points: [{x: "YYYY-MM-DD", y: number}]})
   and draws it with Chart.js (static/vendor/chart.umd.min.js, window.Chart). No inline script: CSP-safe. */
(function () {
  "use strict";

  function readSeries(canvas) {
    var block = document.getElementById(canvas.dataset.seriesId || "");
    if (!block) return null;
    try {
      return JSON.parse(block.textContent);
    } catch (error) {
      return null;
    }
  }

  function formatDate(iso) {
    var parts = iso.split("-");
    var date = new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]));
    return date.toLocaleDateString(undefined, { day: "numeric", month: "short" });
  }

  function cssColor(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function drawLine(canvas, series) {
    var color = cssColor("--pico-primary", "#0172ad");
    var muted = cssColor("--pico-muted-color", "#7b8495");
    var grid = cssColor("--pico-muted-border-color", "#e7eaf0");
    return new window.Chart(canvas, {
      type: "line",
      data: {
        labels: series.points.map(function (point) { return formatDate(point.x); }),
        datasets: [{
          label: series.label,
          data: series.points.map(function (point) { return point.y; }),
          borderColor: color,
          backgroundColor: color,
          pointRadius: series.points.length > 40 ? 0 : 3,
          pointHitRadius: 8,
          borderWidth: 2,
          tension: 0.25
        }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: function (context) { return context.parsed.y + " " + series.units; }
            }
          }
        },
        scales: {
          x: { ticks: { color: muted, maxRotation: 0, autoSkip: true, maxTicksLimit: 6 }, grid: { display: false } },
          y: {
            ticks: { color: muted, callback: function (value) { return value + " " + series.units; } },
            grid: { color: grid }
          }
        }
      }
    });
  }

  function init(root) {
    if (!window.Chart) return;
    (root || document).querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.chartReady) return;
      var series = readSeries(canvas);
      if (!series || !series.points || !series.points.length) return;
      if (canvas.dataset.chart === "line") {
        drawLine(canvas, series);
        canvas.dataset.chartReady = "1";
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function (event) { init(event.target); });
  window.FitnessPrCharts = { init: init };
})();

// renda — the dashboards: draws each chart from the JSON Django put on the page (json_script),
// with the vendored ECharts. Clicking a bar, a point or a cell opens the list behind it.
// A static file, so the Content-Security-Policy can forbid inline scripts.
(function () {
  "use strict";

  var RED = "#b5121b";
  var PALETTE = [RED, "#1f6fb2", "#e0a100", "#2e8b57", "#6f42c1", "#6c757d"];

  function values(series) {
    return series.data.map(function (p) { return p === null ? "-" : p; });
  }

  function tall(el, rows) {
    // Horizontal bars and heat maps grow with their rows (CSSOM, allowed by the CSP).
    el.style.height = Math.max(260, rows * 26 + 90) + "px";
  }

  function bars(data, horizontal, percent) {
    var category = { type: "category", data: data.categories, axisLabel: { interval: 0 } };
    var value = { type: "value", minInterval: 1 };
    if (percent) {
      value = { type: "value", max: 100, axisLabel: { formatter: "{value}%" } };
    }
    if (horizontal) {
      category.inverse = true;
      category.axisLabel.width = 150;
      category.axisLabel.overflow = "truncate";
    } else {
      category.axisLabel.rotate = data.categories.length > 6 ? 30 : 0;
    }
    return {
      color: PALETTE,
      tooltip: {
        trigger: percent ? "item" : "axis",
        axisPointer: { type: "shadow" },
        formatter: percent ? function (p) {
          return p.name + "<br>" + p.marker + p.seriesName + "：" + p.value + "%（" +
            p.data.n + "/" + p.data.d + "）";
        } : undefined
      },
      legend: { show: data.series.length > 1, top: 0 },
      grid: { left: 8, right: 24, top: data.series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: data.series.map(function (s) {
        return {
          type: "bar",
          name: s.name,
          stack: s.stack || undefined,
          data: values(s),
          barMaxWidth: 28,
          emphasis: { focus: "series" },
          cursor: "pointer"
        };
      })
    };
  }

  function lines(data) {
    return {
      color: PALETTE,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.categories, boundaryGap: false },
      yAxis: { type: "value", minInterval: 1 },
      series: data.series.map(function (s) {
        return { type: "line", name: s.name, data: values(s), symbolSize: 9, cursor: "pointer" };
      })
    };
  }

  function heatmap(data) {
    var cells = data.series[0].data;
    var max = cells.reduce(function (m, c) { return Math.max(m, c.value[2]); }, 1);
    return {
      tooltip: {
        formatter: function (p) {
          return data.rows[p.value[1]] + "<br>" + data.categories[p.value[0]] + "：" + p.value[2];
        }
      },
      grid: { left: 8, right: 24, top: 12, bottom: 56, containLabel: true },
      xAxis: { type: "category", data: data.categories, splitArea: { show: true } },
      yAxis: {
        type: "category", data: data.rows, inverse: true, splitArea: { show: true },
        axisLabel: { width: 150, overflow: "truncate" }
      },
      visualMap: {
        min: 0, max: max, calculable: true, orient: "horizontal", left: "center", bottom: 0,
        inRange: { color: ["#fff1f0", RED] }
      },
      series: [{
        type: "heatmap", name: data.series[0].name, data: cells, label: { show: true },
        cursor: "pointer"
      }]
    };
  }

  function option(data) {
    switch (data.kind) {
      case "hbar": return bars(data, true, false);
      case "rate": return bars(data, true, true);
      case "line": return lines(data);
      case "heatmap": return heatmap(data);
      default: return bars(data, false, false);
    }
  }

  function draw(el) {
    var source = document.getElementById(el.dataset.source);
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    if (data.kind === "hbar" || data.kind === "rate" || data.kind === "heatmap") {
      tall(el, Number(el.dataset.rows) * (data.kind === "rate" ? 1.6 : 1));
    }
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption(option(data));
    chart.on("click", function (params) {
      var url = params.data && params.data.url;
      if (url) { window.location.assign(url); }
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function start() {
    document.querySelectorAll("[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// renda — indicator charts. Each chart is a container `[data-chart]` whose `data-source`
// names a <script type="application/json"> written by Django's json_script; the page holds
// no inline script (CSP). ECharts is served from /static/vendor/.
(function () {
  "use strict";

  var COLOURS = {
    met: "#198754",
    on_track: "#0d6efd",
    lagging: "#fd7e14",
    seriously_lagging: "#dc3545",
    no_data: "#adb5bd"
  };

  function withUnit(unit) {
    return function (value) {
      return value === null || value === undefined ? "—" : value + " " + unit;
    };
  }

  function trend(data) {
    var series = [
      {
        name: data.labels.values,
        type: "line",
        data: data.values.map(function (v, i) {
          return v === null ? null : {
            value: v,
            itemStyle: {color: COLOURS[data.status[i]] || COLOURS.no_data}
          };
        }),
        connectNulls: true,
        symbolSize: 9,
        lineStyle: {width: 3, color: "#b5121b"},
        itemStyle: {color: "#b5121b"}
      }
    ];
    if (data.band) {
      series[0].markArea = {
        silent: true,
        itemStyle: {color: "rgba(25, 135, 84, 0.12)"},
        data: [[{name: data.labels.band, yAxis: data.band[0]}, {yAxis: data.band[1]}]]
      };
    } else {
      series.push({
        name: data.labels.path,
        type: "line",
        data: data.path,
        connectNulls: true,
        symbol: "none",
        lineStyle: {type: "dashed", color: "#6c757d"},
        itemStyle: {color: "#6c757d"}
      });
      series.push({
        name: data.labels.targets,
        type: "scatter",
        data: data.targets,
        symbol: "diamond",
        symbolSize: 12,
        itemStyle: {color: "#198754"},
        markLine: data.final === null ? undefined : {
          silent: true,
          symbol: "none",
          lineStyle: {color: "#198754"},
          label: {position: "insideEndTop", formatter: data.labels.final + " " + data.final},
          data: [{yAxis: data.final}]
        }
      });
    }
    if (data.previous.length) {
      series.push({
        name: data.labels.previous,
        type: "line",
        data: data.previous,
        connectNulls: true,
        lineStyle: {type: "dotted"},
        itemStyle: {color: "#adb5bd"}
      });
    }
    return {
      tooltip: {trigger: "axis", valueFormatter: withUnit(data.unit)},
      legend: {bottom: 0},
      grid: {left: 60, right: 30, top: 40, bottom: 60},
      xAxis: {type: "category", data: data.categories, axisLabel: {hideOverlap: true}},
      yAxis: {type: "value", name: data.unit, scale: true},
      series: series
    };
  }

  function counties(data) {
    return {
      tooltip: {trigger: "axis", valueFormatter: withUnit(data.unit)},
      legend: {bottom: 0},
      grid: {left: 60, right: 20, top: 40, bottom: 100},
      xAxis: {type: "category", data: data.categories, axisLabel: {rotate: 30, interval: 0}},
      yAxis: {type: "value", name: data.unit, scale: !data.cumulative},
      series: [
        {
          name: data.labels.values,
          type: "bar",
          data: data.values.map(function (v, i) {
            return {value: v, itemStyle: {color: COLOURS[data.status[i]] || COLOURS.no_data}};
          })
        },
        {
          name: data.labels.expected,
          type: "scatter",
          symbol: "rect",
          symbolSize: [22, 3],
          itemStyle: {color: "#212529"},
          data: data.expected
        }
      ]
    };
  }

  function radar(data) {
    return {
      tooltip: {},
      legend: {bottom: 0},
      radar: {
        radius: "62%",
        indicator: data.dimensions.map(function (name) { return {name: name, max: 100}; })
      },
      series: [{
        type: "radar",
        data: [
          {name: data.labels.completion, value: data.completion, itemStyle: {color: "#b5121b"},
           areaStyle: {opacity: 0.15}},
          {name: data.labels.on_track, value: data.on_track, itemStyle: {color: "#0d6efd"}}
        ]
      }]
    };
  }

  function dimensions(data) {
    return {
      tooltip: {trigger: "axis", axisPointer: {type: "shadow"}},
      legend: {top: 0},
      grid: {left: 110, right: 20, top: 40, bottom: 20},
      xAxis: {type: "value", minInterval: 1},
      yAxis: {type: "category", data: data.dimensions, inverse: true},
      series: data.series.map(function (s) {
        return {
          name: data.statuses[s.status],
          type: "bar",
          stack: "status",
          data: s.counts,
          itemStyle: {color: COLOURS[s.status]}
        };
      })
    };
  }

  var BUILDERS = {trend: trend, counties: counties, radar: radar, dimensions: dimensions};

  function draw(container) {
    var source = document.getElementById(container.dataset.source);
    if (!source || !window.echarts) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var chart = window.echarts.init(container, null, {renderer: "canvas"});
    chart.setOption(BUILDERS[data.kind](data));
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function drawAll() {
    document.querySelectorAll("[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();

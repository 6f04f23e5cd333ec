// app.js - small progressive enhancements; every page works without it.
// Charts: <div class="chart" data-chart="{ECharts option as JSON}"> is drawn
// with the embedded ECharts, loaded only on pages that have a chart;
// data-height="N" makes it N pixels tall (bars for twenty townships).
(function () {
  'use strict';

  function loadEcharts(done) {
    if (window.echarts) { done(); return; }
    var s = document.createElement('script');
    var v = (document.querySelector('script[src*="app.js"]').src.split('?v=')[1]) || '';
    s.src = '/static/echarts.min.js?v=' + v;
    s.onload = done;
    document.head.appendChild(s);
  }

  function drawCharts(root) {
    var els = (root || document).querySelectorAll('.chart[data-chart]');
    if (!els.length) return;
    loadEcharts(function () {
      els.forEach(function (el) {
        if (el.dataset.drawn) return;
        var option;
        try { option = JSON.parse(el.dataset.chart); } catch (e) { return; }
        option.textStyle = option.textStyle || { fontFamily: 'Noto Sans CJK SC, sans-serif' };
        option.animation = false;
        if (el.dataset.height) el.style.height = parseInt(el.dataset.height, 10) + 'px';
        var chart = window.echarts.init(el);
        chart.setOption(option);
        el.dataset.drawn = '1';
        window.addEventListener('resize', function () { chart.resize(); });
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () { drawCharts(document); });
  document.addEventListener('htmx:afterSwap', function (e) { drawCharts(e.target); });

  // Forms marked data-confirm ask before submitting (disable a user, reset a password).
  document.addEventListener('submit', function (e) {
    var msg = e.target.getAttribute('data-confirm');
    if (msg && !window.confirm(msg)) e.preventDefault();
  });
})();

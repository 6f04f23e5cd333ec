// app.js - small progressive enhancements; every page works without it.
// Charts: <div class="chart" data-chart="{ECharts option as JSON}"> is drawn
// with the embedded ECharts, loaded only on pages that have a chart;
// data-height="N" makes it N pixels tall (bars for twenty townships).
// Networks: <div class="netgraph" data-center="ID" data-depth="N"> is drawn
// from /api/v1/network/entities/ID/graph; clicking a node adds its own
// links, double-clicking opens its page. The page lists the same links in a
// table for those who cannot use the drawing.
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
        // Nodes of a graph that name a kind of entity take the legend's colour.
        (option.series || []).forEach(function (s) {
          if (s.type !== 'graph') return;
          (s.data || []).forEach(function (d) { if (d.kind) d.itemStyle = { color: kindColour(d.kind) }; });
        });
        if (el.dataset.height) el.style.height = parseInt(el.dataset.height, 10) + 'px';
        var chart = window.echarts.init(el);
        chart.setOption(option);
        el.dataset.drawn = '1';
        window.addEventListener('resize', function () { chart.resize(); });
      });
    });
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // The colour of a kind of entity: the legend's, so CSS keeps them in one place.
  function kindColour(kind) {
    var dot = document.querySelector('.legend .dot.k-' + kind);
    return dot ? window.getComputedStyle(dot).backgroundColor : '#7a8794';
  }

  function drawNetwork(el) {
    if (el.dataset.drawn) return;
    el.dataset.drawn = '1';
    var center = el.dataset.center, nodes = {}, order = [], links = {}, expanded = {};
    var chart, status = document.createElement('p');
    status.className = 'hint netgraph-status';
    status.setAttribute('aria-live', 'polite');
    el.parentNode.insertBefore(status, el.nextSibling);

    function option() {
      var pairs = {};
      Object.keys(links).forEach(function (id) {
        var l = links[id], a = Math.min(l.from, l.to), b = Math.max(l.from, l.to), k = a + '-' + b;
        if (!nodes[a] || !nodes[b]) return;
        pairs[k] = pairs[k] || { source: String(a), target: String(b), kinds: [], n: 0 };
        if (pairs[k].kinds.indexOf(l.kind_label) < 0) pairs[k].kinds.push(l.kind_label);
        pairs[k].n++;
      });
      return {
        tooltip: {
          formatter: function (p) {
            if (p.dataType === 'edge') return escapeHtml(p.data.kinds.join('、') + ' × ' + p.data.n);
            return escapeHtml(p.data.kindLabel + '：' + p.data.value);
          }
        },
        series: [{
          type: 'graph', layout: 'force', roam: true, draggable: true,
          force: { repulsion: 480, edgeLength: [70, 150], gravity: 0.08, friction: 0.2 },
          label: { show: true, position: 'right', fontSize: 11, formatter: function (p) { return p.data.value; } },
          emphasis: { focus: 'adjacency' },
          data: order.map(function (id) {
            var n = nodes[id];
            return {
              id: String(id), name: String(id), value: n.value, kindLabel: n.kind_label,
              symbol: n.kind === 'person' ? 'circle' : 'roundRect',
              symbolSize: String(id) === center ? 30 : n.kind === 'person' ? 20 : 14,
              itemStyle: {
                color: kindColour(n.kind),
                borderColor: expanded[id] ? '#1b2a3a' : '#fff', borderWidth: expanded[id] ? 2 : 1
              }
            };
          }),
          links: Object.keys(pairs).map(function (k) {
            var p = pairs[k];
            p.lineStyle = { width: Math.min(5, p.n), color: '#9aa7b4', curveness: 0.08 };
            return p;
          })
        }]
      };
    }

    function load(id, depth) {
      status.textContent = el.dataset.loading || '…';
      fetch('/api/v1/network/entities/' + encodeURIComponent(id) + '/graph?depth=' + depth,
        { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error(String(r.status))); })
        .then(function (doc) {
          doc.nodes.forEach(function (n) {
            if (!nodes[n.id]) order.push(n.id);
            nodes[n.id] = n;
          });
          doc.links.forEach(function (l) { links[l.id] = l; });
          expanded[id] = true;
          chart.setOption(option(), true);
          var n = nodes[id];
          status.textContent = n ? n.kind_label + '：' + n.value + '（' + order.length + ' / ' +
            Object.keys(links).length + '）' : '';
          el.dataset.nodes = String(order.length);
        })
        .catch(function (e) { status.textContent = (el.dataset.failed || '') + ' ' + e.message; });
    }

    loadEcharts(function () {
      chart = window.echarts.init(el);
      chart.on('click', function (p) {
        if (p.dataType === 'node' && !expanded[p.data.id]) load(p.data.id, 1);
      });
      chart.on('dblclick', function (p) {
        if (p.dataType === 'node') window.location.href = '/network/' + encodeURIComponent(p.data.id);
      });
      window.addEventListener('resize', function () { chart.resize(); });
      load(center, el.dataset.depth || 2);
    });
  }

  function drawNetworks(root) {
    (root || document).querySelectorAll('.netgraph[data-center]').forEach(drawNetwork);
  }

  document.addEventListener('DOMContentLoaded', function () { drawCharts(document); drawNetworks(document); });
  document.addEventListener('htmx:afterSwap', function (e) { drawCharts(e.target); drawNetworks(e.target); });

  // Forms marked data-confirm ask before submitting (disable a user, reset a password).
  document.addEventListener('submit', function (e) {
    var msg = e.target.getAttribute('data-confirm');
    if (msg && !window.confirm(msg)) e.preventDefault();
  });
})();

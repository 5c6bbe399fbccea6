/* Charts load a partial plotly.js bundle, and only on pages that draw a chart.
   dcc.Graph (Dash 4.1) uses window.Plotly when it exists, else injects the script named by
   window._dashPlotlyJSURL -- which Dash's renderer points at the full 4.7 MB bundle. This fixes
   that URL to the partial bundle the page needs: the branch map needs scattergeo (geo bundle),
   every other chart is scatter or bar (basic bundle). */
(function () {
  var VERSION = "4.1.1";
  function bundleFor(path) {
    return /^\/branches\/?$/.test(path) ? "geo" : "basic";
  }
  function urlFor(bundle) {
    return "/vendor/plotly/plotly-" + bundle + "-" + VERSION + ".min.js";
  }
  Object.defineProperty(window, "_dashPlotlyJSURL", {
    configurable: false,
    get: function () {
      window.__sitePlotlyBundle = bundleFor(window.location.pathname);
      return urlFor(window.__sitePlotlyBundle);
    },
    set: function () { /* keep ours: never the full bundle */ },
  });
  /* A page reached inside the app that needs the other bundle is loaded afresh: one plotly.js
     per document. Pages without charts never load one. */
  var CHART_PAGES = /^\/(calculators\/repayment|statistics|branches)\/?$/;
  function checkBundle() {
    var loaded = window.__sitePlotlyBundle;
    var path = window.location.pathname;
    if (window.Plotly && loaded && CHART_PAGES.test(path) && bundleFor(path) !== loaded) {
      window.location.reload();
    }
  }
  window.addEventListener(window.dashPrivate.PUSHSTATE_EVENT, checkBundle);
  window.addEventListener("popstate", checkBundle);
})();

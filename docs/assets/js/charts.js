// Interactive charts load only when a page has one: vega, vega-lite and vega-embed come from this site
// (assets/vendor/vega-bundle.js), never from a CDN. Without JavaScript the static SVG stays in place.
(function () {
  var charts = document.querySelectorAll(".vega-chart[data-spec]");
  if (!charts.length) return;
  var here = document.currentScript ? document.currentScript.src : "";
  var bundle = new URL("../vendor/vega-bundle.js", here || location.href).href;
  var script = document.createElement("script");
  script.src = bundle;
  script.onload = function () {
    var locales = {
      vi: { decimal: ",", thousands: ".", grouping: [3], currency: ["", " ₫"] },
      en: { decimal: ".", thousands: ",", grouping: [3], currency: ["$", ""] }
    };
    charts.forEach(function (el) {
      fetch(new URL(el.getAttribute("data-spec"), location.href).href)
        .then(function (r) { return r.json(); })
        .then(function (spec) {
          var img = el.querySelector("img");
          var target = document.createElement("div");
          el.appendChild(target);
          return window.vegaEmbed(target, spec, {
            actions: false, renderer: "svg",
            formatLocale: locales[el.getAttribute("data-lang")] || locales.vi
          }).then(function () { if (img) img.remove(); });
        })
        .catch(function () { /* keep the static SVG */ });
    });
  };
  document.head.appendChild(script);
})();

// Interactive charts load only when a page has one: vega, vega-lite and vega-embed come from this site
// (assets/vendor/vega-bundle.js), never from a CDN. Without JavaScript the static SVG stays in place.
//
// The Content-Security-Policy (scripts/theme/material/overrides/main.html) allows no eval and no inline style, so vega runs with its
// expression interpreter (ast: true) instead of compiling expressions with new Function, and neither vega-embed
// nor the tooltip inject a <style> element (their few rules are in assets/css/extra.css).
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
      // On a small screen, the chart laid out for it (the same media query as the static picture's).
      var small = el.getAttribute("data-small-spec"), media = el.getAttribute("data-small-media");
      var spec = small && media && window.matchMedia && window.matchMedia(media).matches
        ? small : el.getAttribute("data-spec");
      fetch(new URL(spec, location.href).href)
        .then(function (r) {
          if (!r.ok) throw new Error(r.status + " " + r.url);
          return r.json();
        })
        .then(function (spec) {
          var img = el.querySelector("picture") || el.querySelector("img");
          var target = document.createElement("div");
          el.appendChild(target);
          return window.vegaEmbed(target, spec, {
            actions: false, renderer: "svg", ast: true, defaultStyle: false,
            tooltip: { disableDefaultStyle: true },
            formatLocale: locales[el.getAttribute("data-lang")] || locales.vi
          }).then(function (result) {
            // vega labels the chart with the spec's description, the same text as the static image's alt.
            if (img) img.remove();
            el.setAttribute("data-rendered", "");
            return result;
          });
        })
        .catch(function (error) {
          // keep the static SVG
          el.setAttribute("data-failed", String(error && error.message || error));
        });
    });
  };
  document.head.appendChild(script);
})();


// The list of all sub-indicators (chi-so/) filters by goal, status and whether there are data. Without JavaScript
// it is a plain list of every indicator; the controls are added here, from the labels the page carries in its own
// language (data-filter). Nothing is fetched; no inline script or style (the site's CSP allows neither).
(function () {
  var list = document.querySelector("ul.indicator-list[data-filter]");
  if (!list) return;
  var data = JSON.parse(list.getAttribute("data-filter"));
  var L = data.labels;
  var items = Array.prototype.slice.call(list.querySelectorAll("li"));
  var form = document.createElement("form");
  form.className = "indicator-filter";
  form.setAttribute("role", "search");
  form.setAttribute("aria-label", L.goal + ", " + L.status + ", " + L.data);

  function select(name, text, options) {
    var label = document.createElement("label");
    label.textContent = text + " ";
    var el = document.createElement("select");
    el.name = name;
    [["", L.all]].concat(options).forEach(function (o) {
      var option = document.createElement("option");
      option.value = o[0];
      option.textContent = o[1];
      el.appendChild(option);
    });
    label.appendChild(el);
    form.appendChild(label);
    return el;
  }
  var goal = select("goal", L.goal, Object.keys(data.goals).map(function (k) { return [k, data.goals[k]]; }));
  var status = select("status", L.status, Object.keys(data.statuses).map(function (k) { return [k, data.statuses[k]]; }));
  var has = select("data", L.data, [["yes", L["with"]], ["no", L.without]]);
  var count = document.createElement("p");
  count.className = "indicator-count";
  count.setAttribute("aria-live", "polite");
  form.appendChild(count);

  function apply() {
    var shown = 0;
    items.forEach(function (li) {
      var ok = (!goal.value || li.getAttribute("data-goal") === goal.value) &&
        (!status.value || li.getAttribute("data-status") === status.value) &&
        (!has.value || li.getAttribute("data-has-data") === has.value);
      li.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = L.shown.replace("{n}", shown).replace("{total}", items.length);
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  list.parentNode.insertBefore(form, list);
  apply();
})();

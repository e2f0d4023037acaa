// Runs in <head>, before Material's bundle. Two jobs:
//
// 1. Material's inline head script (partials/javascripts/base.html), moved to a file so the Content-Security-Policy
//    can forbid inline scripts. The only part that depends on the page is the scope, read from data-md-scope.
//
// 2. The search index on demand. Material requests search/search_index.json (about half a megabyte) as soon as any
//    page loads; most visitors never search. The request is held back until the visitor opens the search (focus on
//    the search field, or the search toggle on small screens); Material then receives the index as usual. If
//    Material ever requests the index differently, this does nothing and the index simply loads with the page
//    (tests/browser checks that it does not).
__md_scope=new URL(document.currentScript.getAttribute("data-md-scope")||".",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};

(function () {
  var XHR = window.XMLHttpRequest;
  if (!XHR || location.protocol === "file:") return;
  var opened = false, release;
  var searchOpened = new Promise(function (resolve) { release = resolve; });
  function wanted() { if (!opened) { opened = true; release(); } }
  document.addEventListener("focusin", function (event) {
    var el = event.target;
    if (el && el.getAttribute && el.getAttribute("data-md-component") === "search-query") wanted();
  }, true);
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el && el.id === "__search" && el.checked) wanted();
  }, true);
  // Material requests the index with XMLHttpRequest (GET search/search_index.json); hold back only that send().
  var open = XHR.prototype.open, send = XHR.prototype.send;
  XHR.prototype.open = function (method, url) {
    this.__searchIndex = /\/search\/search_index\.json$/.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  XHR.prototype.send = function () {
    var xhr = this, args = arguments;
    if (xhr.__searchIndex && !opened) {
      searchOpened.then(function () { send.apply(xhr, args); });
      return;
    }
    return send.apply(xhr, args);
  };
})();

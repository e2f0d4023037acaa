// The theme's own script. Runs in <head>, before Material's bundle:
//
// 1. Material's inline head script (partials/javascripts/base.html), moved to a file so the Content-Security-Policy
//    can forbid inline scripts. The only part that depends on the page is the scope, read from data-md-scope.
//
// 2. The search index on demand. Material requests search/search_index.json (about half a megabyte) as soon as any
//    page loads; most visitors never search. The request is held back until the visitor opens the search (focus on
//    the search field, or the search toggle on small screens); on a page opened from a search result (?h=…) it is
//    not held back, so that Material can highlight the words searched for. Material then receives the index as
//    usual. If Material ever requests the index differently, this does nothing and the index simply loads with the
//    page (tests/browser checks that it does not).
//    Each language has its own index (the build splits Material's): a page under <lang>/ (<html lang> says which)
//    asks for <lang>/search/search_index.json, so an English page finds English pages, and a visitor on a phone
//    downloads half the words.
//
// 3. The search worker on demand. Material also starts its search worker (lunr, about 40 KB) with every page. The
//    worker is now created when Material first sends it a message, which it does once the index has arrived, that
//    is once the visitor has opened the search. Until then Material holds a stand-in with the same interface
//    (postMessage, terminate, "message" events). Other workers are created as usual.
__md_scope=new URL(document.currentScript.getAttribute("data-md-scope")||".",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};

(function () {
  var XHR = window.XMLHttpRequest;
  if (!XHR || location.protocol === "file:") return;
  var opened = false, release;
  var searchOpened = new Promise(function (resolve) { release = resolve; });
  function wanted() { if (!opened) { opened = true; release(); } }
  // A page opened from a search result (?h=words) highlights the words, for which Material needs the index now.
  if (/[?&]h=/.test(location.search)) wanted();
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
  var lang = document.documentElement.lang;
  var ownIndex = lang && location.pathname.indexOf(__md_scope.pathname + lang + "/") === 0
    ? new URL(lang + "/search/search_index.json", __md_scope).href : null;
  XHR.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    this.__searchIndex = /\/search\/search_index\.json$/.test(String(url).split(/[?#]/)[0]);
    if (this.__searchIndex && ownIndex) args[1] = ownIndex;
    return open.apply(this, args);
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

(function () {
  var RealWorker = window.Worker;
  if (!RealWorker || typeof MessageEvent !== "function") return;
  try { new EventTarget(); } catch (error) { return; }  // Safari before 14: EventTarget cannot be constructed
  function isSearchWorker(url) {
    return /\/workers\/search\.[^\/]*\.js$/.test(String(url).split(/[?#]/)[0]);
  }
  function OnDemand(url, options) {
    var stand = new EventTarget(), worker = null;
    url = new URL(url, location.href).href;  // resolved now, against the page that asked
    function start() {
      worker = new RealWorker(url, options);
      worker.addEventListener("message", function (event) {
        stand.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      worker.addEventListener("error", function () { stand.dispatchEvent(new Event("error")); });
    }
    stand.postMessage = function () {
      if (!worker) start();
      worker.postMessage.apply(worker, arguments);
    };
    stand.terminate = function () { if (worker) worker.terminate(); };
    return stand;
  }
  function Worker(url, options) {
    return isSearchWorker(url) ? OnDemand(url, options) : new RealWorker(url, options);
  }
  Worker.prototype = RealWorker.prototype;
  window.Worker = Worker;
})();

// Once the page is set up (Material's bundle has run), for keyboard users:
//
// 4. The menu button on small screens is a <label> for a hidden checkbox, which the keyboard cannot reach. Make it
//    a button: focusable, named, Enter or Space opens and closes the navigation drawer, Escape closes it.
//
// 5. Tables wider than the screen scroll sideways inside their own box (Material wraps them in
//    .md-typeset__scrollwrap), their first column staying in view (assets/css/extra.css). A box that scrolls must be
//    reachable by keyboard and say so: while (and only while) it overflows, the wrapper is focusable, named after
//    the table's heading, and a hint above it says in words that the table scrolls sideways (also its description).
document.addEventListener("DOMContentLoaded", function () {
  var drawer = document.getElementById("__drawer");
  var button = document.querySelector(".md-header label[for='__drawer']");
  if (drawer && button) {
    var nav = document.querySelector(".md-nav--primary");
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    var name = nav && nav.getAttribute("aria-label") || "Menu";
    if (!button.hasAttribute("aria-label")) button.setAttribute("aria-label", name);
    var sync = function () { button.setAttribute("aria-expanded", drawer.checked ? "true" : "false"); };
    sync();
    drawer.addEventListener("change", sync);
    button.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        event.stopPropagation();  // Material also clicks a focused label on Enter: once is enough
        button.click();  // the label toggles its checkbox, which fires "change"
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        drawer.checked = false;
        sync();
        button.focus();
      }
    });
  }

  if (!window.ResizeObserver) return;
  function nameOf(wrap) {
    for (var el = wrap.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) return el.textContent.trim();
    }
    var h1 = document.querySelector(".md-content h1");
    return h1 ? h1.textContent.trim() : "";
  }
  var HINT = document.documentElement.lang === "en" ? "Scroll sideways to see every column"
    : "Cuộn ngang để xem hết các cột";
  var hints = 0;
  function update(wrap) {
    var hint = wrap.previousElementSibling;
    hint = hint && hint.classList.contains("table-hint") ? hint : null;
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      if (!wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", nameOf(wrap));
      }
      if (!hint) {
        hint = document.createElement("p");
        hint.className = "table-hint";
        hint.id = "table-hint-" + (++hints);
        var arrow = document.createElement("span");
        arrow.setAttribute("aria-hidden", "true");
        arrow.textContent = "\u2194 ";
        hint.appendChild(arrow);
        hint.appendChild(document.createTextNode(HINT));
        wrap.parentNode.insertBefore(hint, wrap);
        wrap.setAttribute("aria-describedby", hint.id);
      }
    } else if (wrap.getAttribute("role") === "region") {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
      wrap.removeAttribute("aria-describedby");
      if (hint) hint.remove();
    }
  }
  var observer = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { update(entry.target); });
  });
  function watch() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) { observer.observe(wrap); });
  }
  // Material wraps the tables when it sets up the page, on its document$ (see Material's "extra JavaScript"),
  // which has not happened yet: this listener was added first.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(watch);
  else watch();
});

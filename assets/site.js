/* Clientside helpers. Kept in a file (not inline strings) so a strict CSP stays possible. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  site: {
    setLang: function (lang) {
      document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
      return window.dash_clientside.no_update;
    },
    /* Put a calculator's inputs in the address bar without a page reload or history entry
       (replaceState does not wake Dash's router), and show the link in the share box. */
    syncUrl: function (query) {
      // The address bar, the link box and the share image's address (sharing/routes.py:
      // /share/<page>.png + the page's query, the page being the path's last part) follow the
      // answer, in one callback.
      if (query === null || query === undefined) {
        return [window.dash_clientside.no_update, window.dash_clientside.no_update];
      }
      var url = window.location.pathname + query + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(window.history.state, "", url);
      }
      var page = window.location.pathname.replace(/\/+$/, "").split("/").pop();
      return [window.location.origin + window.location.pathname + query, "/share/" + page + ".png" + query];
    },
    copyLink: function (clicks, link, texts) {
      var done = texts[0], manual = texts[1];
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(link);
        return done;
      }
      var box = document.querySelector("input[id$='-share-url']");
      if (box) { box.select(); }
      try { return document.execCommand("copy") ? done : manual; } catch (e) { return manual; }
    },
    /* Pass the inputs on once the part they feed has come near the screen (data-lazy-store). */
    whenSeen: function (seen, values) {
      return seen ? values : window.dash_clientside.no_update;
    },
    print: function () {
      window.print();
      return window.dash_clientside.no_update;
    },
  },
});

/* dcc.Upload ignores a file over its max_size without a word: say why before anything is sent. */
function checkUploadSize(files, wrap) {
  var warning = document.getElementById("precheck-size-warning");
  if (!warning || !files || !files.length) { return; }
  var limit = parseInt(wrap.getAttribute("data-max-bytes"), 10);
  warning.hidden = !(files[0].size > limit);
}
document.addEventListener("change", function (event) {
  var wrap = event.target.closest ? event.target.closest("#precheck-upload-wrap") : null;
  if (wrap && event.target.files) {
    checkUploadSize(event.target.files, wrap);
    /* The file is read by now: clear the input, so choosing the same file again (fixed, or
       after "try again in N s") is a new upload rather than no change at all. */
    var input = event.target;
    window.setTimeout(function () { input.value = ""; }, 0);
  }
}, true);
document.addEventListener("drop", function (event) {
  var wrap = event.target.closest ? event.target.closest("#precheck-upload-wrap") : null;
  if (wrap && event.dataTransfer) { checkUploadSize(event.dataTransfer.files, wrap); }
}, true);

/* The language switch keeps everything else in the current URL (calculator inputs too). */
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("#lang-switch") : null;
  if (!link) { return; }
  var url = new URL(window.location.href);
  if (link.getAttribute("data-lang") === "en") {
    url.searchParams.set("lang", "en");
  } else {
    url.searchParams.delete("lang");
  }
  /* A ctrl-, shift- or middle-click is the browser's (a new tab or window), with the same link. */
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    link.setAttribute("href", url.pathname + url.search + url.hash);
    return;
  }
  event.preventDefault();
  window.location.assign(url.toString());
});

/* Screen readers: a chart says what it shows (its figure's layout.meta.alt, set by the Python
   figure builders) instead of reading out tick labels; a table that scrolls sideways on a phone
   can be reached and scrolled with the keyboard. Runs after each batch of DOM changes. */
(function () {
  function describe(gd) {
    var alt = gd.layout && gd.layout.meta && gd.layout.meta.alt;
    if (!alt) { return; }
    var box = gd.closest(".dash-graph") || gd;
    if (box.getAttribute("aria-label") !== alt) {
      box.setAttribute("role", "img");
      box.setAttribute("aria-label", alt);
    }
  }
  function scan() {
    document.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
      if (!gd.__siteAlt && gd.on) {
        gd.__siteAlt = true;
        gd.on("plotly_afterplot", function () { describe(gd); });
      }
      describe(gd);
    });
    document.querySelectorAll(".table-responsive:not([tabindex])").forEach(function (el) {
      el.tabIndex = 0;
    });
    /* A field that turns red inside a closed section (组合贷款, 提前还款, 更多选项) opens it, once
       per error: "fix the fields marked red" never points at nothing visible. */
    document.querySelectorAll("details .field-error").forEach(function (message) {
      var text = (message.textContent || "").trim();
      if (text && message.__siteShown !== text) {
        var section = message.closest("details");
        if (section && !section.open) { section.open = true; }
      }
      message.__siteShown = text;
    });
    document.querySelectorAll("details").forEach(function (section) {
      var holds = Array.prototype.some.call(section.querySelectorAll(".field-error"), function (m) {
        return (m.textContent || "").trim() !== "";
      });
      section.classList.toggle("has-error", holds);
    });
    /* dcc.Upload's file input has no label: name it by the drop zone's visible words. */
    document.querySelectorAll(".upload-box input[type=file]:not([aria-label])").forEach(function (input) {
      var words = (input.closest(".upload-box").textContent || "").trim();
      if (words) { input.setAttribute("aria-label", words); }
    });
  }
  var queued = false;
  new MutationObserver(function () {
    if (queued) { return; }
    queued = true;
    window.requestAnimationFrame(function () { queued = false; scan(); });
  }).observe(document.documentElement, {childList: true, subtree: true, characterData: true});
})();

/* The quota and eligibility calculators share one applicant form: moving from one to the other
   (menu or any link without its own values) carries the applicant's current values, which the
   page keeps in its query string. Navigation goes through Dash's router, as dbc's links do. */
(function () {
  var SHARED = ["/calculators/quota", "/calculators/eligibility"];
  function carried(link) {
    var url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin || SHARED.indexOf(url.pathname) < 0
        || SHARED.indexOf(window.location.pathname) < 0 || url.pathname === window.location.pathname) {
      return null;
    }
    var params = new URLSearchParams(window.location.search);
    url.searchParams.forEach(function (value, key) { params.set(key, value); });  // e.g. lang
    return url.pathname + (params.toString() ? "?" + params.toString() : "");
  }
  /* Opening the link in a new tab carries the values too. */
  ["pointerdown", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = event.target.closest ? event.target.closest("a[href]") : null;
      var target = link && carried(link);
      if (target) { link.setAttribute("href", target); }
    }, true);
  });
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
        || event.altKey) { return; }
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    var target = link && carried(link);
    if (!target) { return; }
    link.setAttribute("href", target);
    /* Before the app is live the browser follows the link (its href now carries the values). */
    if (!document.body.classList.contains("app-live")) { return; }
    event.preventDefault();
    event.stopPropagation();
    window.history.pushState({}, "", target);
    window.dispatchEvent(new CustomEvent(window.dashPrivate.PUSHSTATE_EVENT));
    window.scrollTo(0, 0);
    /* The menu would have closed itself on its own link: close it the same way. */
    var menu = link.closest(".dropdown");
    var toggle = menu && menu.querySelector(".dropdown-toggle[aria-expanded='true']");
    if (toggle) { toggle.click(); }
  }, true);
})();

/* The first response carries the page's Dash layout (#ssr-layout, the tree #ssr-page was rendered
   from) and the app's callback list (#ssr-dependencies): dash-renderer's first request for each
   is answered from the page, not the network. When the visitor has already changed the server's
   form, the layout is the server's for the form as it now stands (POST /_edited-layout, asked as
   soon as the change is made), so the app starts with that answer in place; without one (an
   error in the form, a slow network) it starts from the page as served and answers the change
   once live. */
(function () {
  var inline = {"_dash-layout": "ssr-layout", "_dash-dependencies": "ssr-dependencies"};
  var original = window.fetch;
  var ssr = document.getElementById("ssr-page");
  if (!original || !window.Response) { return; }
  function mark(name) { if (window.performance && performance.mark) { performance.mark("site:" + name); } }
  /* {field name: what it shows} for each field of the server's form that is not as served. */
  function edits() {
    var changes = {}, any = false;
    ssr.querySelectorAll('[id^="{"]').forEach(function (el) {
      var id = null, value;
      try { id = JSON.parse(el.id); } catch (e) { return; }
      if (!id || id.type !== "field" || typeof id.name !== "string") { return; }
      if (el.tagName === "INPUT" && el.type === "checkbox") {
        if (el.checked === el.defaultChecked) { return; }
        value = el.checked;
      } else if (el.tagName === "INPUT") {
        if (el.value === el.defaultValue) { return; }
        value = el.value;
      } else if (el.tagName === "SELECT") {
        var chosen = el.options[el.selectedIndex];
        if (!chosen || chosen.defaultSelected) { return; }
        value = el.value;
      } else {
        var radio = el.querySelector("input[type=radio]:checked");
        if (!radio || radio.defaultChecked) { return; }
        value = radio.value;
      }
      changes[id.name] = value;
      any = true;
    });
    return any ? changes : null;
  }
  var asked = null;
  function ask() {
    var changes = ssr && ssr.isConnected ? edits() : null;
    if (!changes) { return null; }
    var body = JSON.stringify({url: window.location.pathname + window.location.search, changes: changes});
    if (!asked || asked.body !== body) {
      var answer = original.call(window, "/_edited-layout", {
        method: "POST", headers: {"Content-Type": "application/json"}, body: body,
      }).then(function (r) { return r.status === 200 ? r.text() : null; }, function () { return null; });
      asked = {body: body, answer: answer};
    }
    return asked.answer;
  }
  var waiting = null;
  function soon() {
    window.clearTimeout(waiting);
    waiting = window.setTimeout(ask, 150);
  }
  if (ssr) {
    ssr.addEventListener("input", soon);
    ssr.addEventListener("change", soon);
    ask();  // changes made before this script ran
  }
  function respond(body) {
    return new Response(body, {status: 200, headers: {"Content-Type": "application/json"}});
  }
  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : (input && input.url) || "";
    var name = url.split("?")[0].split("/").pop();
    var data = inline[name] ? document.getElementById(inline[name]) : null;
    if (!data) { return original.apply(this, arguments); }
    delete inline[name];  // once: anything later goes to the server
    mark(name);
    var body = data.textContent;
    data.remove();
    var edited = name === "_dash-layout" ? ask() : null;
    if (!edited) { return Promise.resolve(respond(body)); }
    var late = new Promise(function (done) { window.setTimeout(done, 3000, null); });
    return Promise.race([edited, late]).then(function (layout) {
      if (layout) {
        mark("edited");
        document.body.classList.add("app-edited");
      }
      return respond(layout || body);
    });
  };
})();

/* Heavy parts (charts: plotly.js is a long task on a phone) wait until their place comes near the
   screen: an element with data-lazy-store="ID" sets the dcc.Store ID to true then, and its
   callback draws them. */
(function () {
  var watched = new WeakSet();
  var seen = window.IntersectionObserver ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) { return; }
      seen.unobserve(entry.target);
      var store = entry.target.getAttribute("data-lazy-store");
      if (window.dash_clientside && window.dash_clientside.set_props) {
        window.dash_clientside.set_props(store, {data: true});
      }
    });
  }, {rootMargin: "300px 0px"}) : null;
  function scan() {
    if (!document.body.classList.contains("app-live")) { return; }
    document.querySelectorAll("#react-entry-point [data-lazy-store]").forEach(function (el) {
      if (watched.has(el)) { return; }
      watched.add(el);
      if (seen) {
        seen.observe(el);
      } else {
        window.dash_clientside.set_props(el.getAttribute("data-lazy-store"), {data: true});
      }
    });
  }
  var queued = false;
  new MutationObserver(function () {
    if (queued) { return; }
    queued = true;
    window.requestAnimationFrame(function () { queued = false; scan(); });
  }).observe(document.documentElement, {childList: true, subtree: true, attributes: true, attributeFilter: ["class"]});
})();

/* The server's HTML of the page (#ssr-page) stays on screen while Dash renders the same page
   unseen (CSS hides #react-entry-point until body.app-live); once the page's content is there,
   both change in one frame. No "Loading...", no blank screen between them. Whatever the visitor
   typed, chose or opened in the server's form meanwhile is carried into the app's (same ids),
   and the app answers it. */
(function () {
  var ssr = document.getElementById("ssr-page");
  var root = document.getElementById("react-entry-point");
  if (!ssr || !root || !window.MutationObserver) {
    document.body.classList.add("app-live");
    return;
  }
  function twin(el) {
    return el.id ? root.querySelector('[id="' + el.id.replace(/["\\]/g, "\\$&") + '"]') : null;
  }
  function setValue(live, value) {
    var proto = live.tagName === "SELECT" ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value").set.call(live, value);
    live.dispatchEvent(new Event("input", {bubbles: true}));
    live.dispatchEvent(new Event("change", {bubbles: true}));
  }
  function changed(el) {
    if (el.type === "radio" || el.type === "checkbox") { return el.checked !== el.defaultChecked; }
    if (el.tagName === "SELECT") {
      var chosen = el.options[el.selectedIndex];
      return Boolean(chosen) && !chosen.defaultSelected;
    }
    return el.value !== el.defaultValue;
  }
  /* Sections the visitor opened in the server's page open in the app too (before the swap, so
     their fields are built by then). */
  function openSections() {
    var open = ssr.querySelectorAll("details");
    var shut = root.querySelectorAll("details");
    if (open.length === shut.length) {
      open.forEach(function (d, i) { if (d.open && !shut[i].open) { shut[i].open = true; } });
    }
    /* ...and so does the menu of a narrow screen (assets/links.js opens it in both). */
    ssr.querySelectorAll(".navbar-toggler[aria-expanded='true'][id]").forEach(function (toggler) {
      var live = twin(toggler);
      if (live && live.getAttribute("aria-expanded") !== "true") { live.click(); }
    });
  }
  /* ``tries``: a section opened here builds its fields in the app a moment later (LazyDetails), so
     what was typed into them is carried once they are there. */
  function carryOver(tries) {
    var waiting = false;
    ssr.querySelectorAll("input, select, textarea").forEach(function (el) {
      if (!changed(el)) { return; }
      var live = twin(el);
      if (!live || live.tagName !== el.tagName) {
        waiting = waiting || Boolean(el.id && el.closest("details"));
        return;
      }
      if (el.type === "radio" || el.type === "checkbox") {
        if (live.checked !== el.checked) { live.click(); }
      } else if (el.tagName === "SELECT") {
        if (live.value !== el.value) { setValue(live, el.value); }
      } else if (live.value !== el.value) {
        /* Straight into the app's state, so the answer comes without the typing debounce. */
        var id = el.id.charAt(0) === "{" ? JSON.parse(el.id) : el.id;
        if (window.dash_clientside && window.dash_clientside.set_props) {
          window.dash_clientside.set_props(id, {value: el.value});
        } else {
          setValue(live, el.value);
        }
      }
    });
    if (waiting && tries > 0) { window.setTimeout(function () { carryOver(tries - 1); }, 50); }
  }
  function moveFocus(focused) {
    var live = focused && ssr.contains(focused) ? twin(focused) : null;
    if (!live) { return; }
    live.focus({preventScroll: true});
    try { live.setSelectionRange(focused.selectionStart, focused.selectionEnd); } catch (e) { /* not text */ }
  }
  /* The app is shown once it holds everything the server's page shows: every element with an id
     (components whose code loads later, such as dcc.Upload, arrive a moment after the rest),
     charts apart (plotly.js comes later still), and at most 2 s after the page's content. */
  var contentAt = null;
  function complete() {
    var live = new Set();
    root.querySelectorAll("[id]").forEach(function (el) { live.add(el.id); });
    /* A closed section's fields are built only once it opens (LazyDetails). */
    return !Array.prototype.some.call(ssr.querySelectorAll("[id]"), function (el) {
      var folded = el.closest("details") && !el.closest("summary");
      return !live.has(el.id) && !el.closest(".dash-graph") && !folded;
    });
  }
  function focusTaken() {
    var focused = document.activeElement;
    return !(focused && focused.id && ssr.contains(focused)) || Boolean(twin(focused));
  }
  function check() {
    if (observer === null) { return; }  /* swapped already (the 2 s timer comes later) */
    var content = root.querySelector("#_pages_content");
    if (!content || !content.firstElementChild || root.querySelector("._dash-loading")) { return; }
    if (contentAt === null) {
      contentAt = Date.now();
      window.setTimeout(check, 2000);
    }
    openSections();
    /* A layout for an edited form (see above) need not hold every id of the page as served; the
       field being typed into must be there whatever happens, or the next keys would go nowhere. */
    var edited = document.body.classList.contains("app-edited");
    var waited = Date.now() - contentAt >= 2000;
    if (!waited && ((!edited && !complete()) || !focusTaken())) { return; }
    observer.disconnect();
    observer = null;
    if (window.performance && performance.mark) { performance.mark("site:rendered"); }
    window.requestAnimationFrame(function () {
      if (window.performance && performance.mark) { performance.mark("site:live"); }
      var focused = document.activeElement;
      document.body.classList.add("app-live");
      moveFocus(focused);
      openSections();
      carryOver(40);
      ssr.remove();
    });
  }
  var observer = new MutationObserver(check);
  observer.observe(root, { childList: true, subtree: true });
})();

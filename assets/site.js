/* Clientside helpers. Kept in a file (not inline strings) so a strict CSP stays possible. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  site: {
    setLang: function (lang) {
      document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
      return window.dash_clientside.no_update;
    },
    toggleNav: function (clicks, isOpen) {
      return !isOpen;
    },
  },
});

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
  event.preventDefault();
  window.location.assign(url.toString());
});

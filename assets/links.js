/* What dcc.Link and dash-bootstrap-components' NavLink, Collapse and DropdownMenu do, for their
   markup: the server writes them as HTML (rendering/component_markup.py) and, where no callback
   needs them, the app keeps them as HTML too (rendering/static_html.py: the menu alone was 26
   components on every page). The menu therefore works in the server's page as well, before the
   app is live. */
(function () {
  function closest(target, selector) {
    return target && target.closest ? target.closest(selector) : null;
  }
  function plainClick(event) {
    return event.button === 0 && !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey);
  }

  /* The menu button of a narrow screen opens and closes the menu it controls (in its navbar). */
  function collapseOf(toggler) {
    var bar = closest(toggler, ".navbar") || document;
    var id = toggler.getAttribute("aria-controls");
    return id ? bar.querySelector('[id="' + id.replace(/["\\]/g, "\\$&") + '"]') : null;
  }
  function setCollapse(toggler, open) {
    var box = collapseOf(toggler);
    if (!box) { return; }
    box.classList.toggle("show", open);
    toggler.setAttribute("aria-expanded", String(open));
  }

  /* A dropdown (marked data-dropdown by the server): its toggle opens the list; a click outside,
     Escape, Tab away or choosing an item closes it; the arrow keys move through the items. */
  function parts(dropdown) {
    return {
      toggle: dropdown.querySelector(".dropdown-toggle"),
      menu: dropdown.querySelector(".dropdown-menu"),
    };
  }
  function setDropdown(dropdown, open) {
    var p = parts(dropdown);
    if (!p.toggle || !p.menu) { return; }
    [dropdown, p.toggle, p.menu].forEach(function (el) { el.classList.toggle("show", open); });
    p.toggle.setAttribute("aria-expanded", String(open));
  }
  function closeDropdowns(except) {
    document.querySelectorAll("[data-dropdown].show").forEach(function (dropdown) {
      if (dropdown !== except) { setDropdown(dropdown, false); }
    });
  }
  function items(dropdown) {
    return Array.prototype.slice.call(dropdown.querySelectorAll(".dropdown-menu .dropdown-item"));
  }
  function moveFocus(dropdown, step) {
    var list = items(dropdown);
    if (!list.length) { return; }
    var at = list.indexOf(document.activeElement);
    var next = at < 0 ? (step > 0 ? 0 : list.length - 1) : (at + step + list.length) % list.length;
    list[next].focus();
  }

  /* A link marked data-app-link moves inside the app, as the component would, once the app is
     live (before, the browser loads the page, which shows the same thing). */
  function followInApp(event, link) {
    if (!document.body.classList.contains("app-live")) { return; }
    var url = new URL(link.getAttribute("href"), window.location.href);
    if (url.origin !== window.location.origin) { return; }
    event.preventDefault();
    window.history.pushState({}, "", url.pathname + url.search + url.hash);
    window.dispatchEvent(new CustomEvent(window.dashPrivate.PUSHSTATE_EVENT));
    window.scrollTo(0, 0);
  }

  document.addEventListener("click", function (event) {
    var toggler = closest(event.target, ".navbar-toggler[aria-controls]");
    if (toggler) {
      setCollapse(toggler, toggler.getAttribute("aria-expanded") !== "true");
      return;
    }
    var dropdown = closest(event.target, "[data-dropdown]");
    closeDropdowns(dropdown);
    if (dropdown && closest(event.target, ".dropdown-toggle")) {
      event.preventDefault();  /* its href is "#" */
      setDropdown(dropdown, !dropdown.classList.contains("show"));
      return;
    }
    if (dropdown) { setDropdown(dropdown, false); }  /* an item was chosen */
    var link = closest(event.target, "a[data-app-link]");
    if (link && !event.defaultPrevented && plainClick(event)) { followInApp(event, link); }
  });

  document.addEventListener("keydown", function (event) {
    var dropdown = closest(event.target, "[data-dropdown]");
    if (!dropdown) { return; }
    var onToggle = Boolean(closest(event.target, ".dropdown-toggle"));
    var open = dropdown.classList.contains("show");
    if (event.key === "Escape" && open) {
      setDropdown(dropdown, false);
      parts(dropdown).toggle.focus();
    } else if (event.key === " " && onToggle) {
      event.preventDefault();
      setDropdown(dropdown, !open);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) { setDropdown(dropdown, true); }
      moveFocus(dropdown, event.key === "ArrowDown" ? 1 : -1);
    }
  });

  document.addEventListener("focusout", function (event) {
    var dropdown = closest(event.target, "[data-dropdown].show");
    if (dropdown && event.relatedTarget && !dropdown.contains(event.relatedTarget)) {
      setDropdown(dropdown, false);
    }
  });

  /* Moving to another page inside the app closes the menus, whichever link did it. */
  function closeAll() {
    closeDropdowns(null);
    document.querySelectorAll(".navbar-toggler[aria-expanded='true']").forEach(function (toggler) {
      setCollapse(toggler, false);
    });
  }
  window.addEventListener(window.dashPrivate.PUSHSTATE_EVENT, closeAll);
  window.addEventListener("popstate", closeAll);
  /* ...and the keyboard and a screen reader go on from the new page's content (#main), as after a
     page load they start from its top, not from the link in the menu that has just closed. */
  window.addEventListener(window.dashPrivate.PUSHSTATE_EVENT, function () {
    var main = document.getElementById("main");
    if (main && document.body.classList.contains("app-live")) { main.focus({preventScroll: true}); }
  });
  /* A page the browser brings back from its cache (Back after a page load) comes as it was left. */
  window.addEventListener("pageshow", function (event) { if (event.persisted) { closeAll(); } });
})();

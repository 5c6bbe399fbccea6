/* rendering/static_html.py's Html component: one element whose content the server wrote as HTML (a
   part of the page no callback touches). Its attributes are HTML's own names and values, set on
   the element as they are (React is given none of them, so it never changes them back). */
(function () {
  var React = window.React;
  function Html(props) {
    var attributes = props.attributes || {};
    return React.createElement(props.tag || "div", {
      ref: function (el) {
        if (!el) { return; }
        Object.keys(attributes).forEach(function (name) {
          var value = attributes[name] === true ? "" : String(attributes[name]);
          if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
        });
      },
      dangerouslySetInnerHTML: {__html: props.html || ""},
    });
  }
  /* components/lazy_details.py's LazyDetails: a <details> whose children after the summary are
     built from the first time it is open (a closed section's fields cost the phone nothing until
     they are wanted). A tap on the summary is told to Dash as ``open``. */
  function LazyDetails(props) {
    var opened = React.useRef(false);
    var rerender = React.useReducer(function (n) { return n + 1; }, 0)[1];
    if (props.open) { opened.current = true; }
    var children = props.children == null ? [] : [].concat(props.children);
    return React.createElement("details", {
      id: props.id,
      className: props.className,
      open: Boolean(props.open),
      onToggle: function (event) {
        var now = event.currentTarget.open;
        if (now && !opened.current) {
          opened.current = true;
          rerender();
        }
        if (now !== Boolean(props.open) && props.setProps) { props.setProps({open: now}); }
      },
    }, opened.current ? children : children.slice(0, 1));
  }
  window.site_html = {Html: Html, LazyDetails: LazyDetails};
})();

/* serving/static_html.py's Html component: one element whose content the server wrote as HTML (a
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
  window.site_html = {Html: Html};
})();

/* The private names of dash-renderer and dash-bootstrap-components the site's scripts rely on, in
   one place (the Python side: dash_private.py). tests/test_dash_private.py checks each against the
   installed bundles. Loaded first: Dash serves assets in name order. */
window.dashPrivate = {
  /* dash-renderer's Location listens for this after history.pushState */
  PUSHSTATE_EVENT: "_dashprivate_pushstate",
};

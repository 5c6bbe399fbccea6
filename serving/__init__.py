"""Web plumbing around the Dash app: vendored static files, security headers, rate limits, proxies
and the shared cache."""

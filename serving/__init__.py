"""Web plumbing around the Dash app: vendored static files, security headers, jobs, limits."""

"""Behind a reverse proxy every request comes from the proxy's address: the rate limits would
count all visitors as one client. With TRUSTED_PROXIES=N (the number of proxies in front of the
server), werkzeug's ProxyFix takes the client address, scheme and host from the headers those N
proxies set, and nothing else. 0 (the default) believes no header: a client cannot claim another
address by sending X-Forwarded-For itself.
"""

from __future__ import annotations

from werkzeug.middleware.proxy_fix import ProxyFix

import settings


def install(server) -> None:
    if settings.TRUSTED_PROXIES:
        n = settings.TRUSTED_PROXIES
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=n, x_proto=n, x_host=n)

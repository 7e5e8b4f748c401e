"""ASGI entry point: Django for HTTP, Channels for WebSockets, served together by Uvicorn's worker processes in
production (Daphne under `runserver`); HTTP requests in flight are bounded per process (fitnesspr/asgi_limits.py)."""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fitnesspr.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator, OriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from fitnesspr.asgi_limits import ConcurrencyLimit  # noqa: E402
from fitnesspr.routing import websocket_urlpatterns  # noqa: E402


class BrowserOriginValidator(OriginValidator):
    """Reject a browser socket opened from a foreign page; let non-browser clients in.

    Browsers always send Origin on a WebSocket handshake, so the cross-site hijacking this guards
    against always carries one. Native and script clients usually send none: they authenticate with
    a JWT and have no victim's cookie to ride on, so refusing them would only break the API.
    """

    def valid_origin(self, parsed_origin: object) -> bool:
        return parsed_origin is None or super().valid_origin(parsed_origin)


def _origin_validator(application: object) -> OriginValidator:
    allowed = AllowedHostsOriginValidator(application).allowed_origins
    return BrowserOriginValidator(application, allowed)


application = ConcurrencyLimit(
    ProtocolTypeRouter(
        {
            "http": django_asgi_app,
            "websocket": _origin_validator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
        }
    ),
    max_requests=settings.WEB_MAX_REQUESTS,
    max_queued=settings.WEB_MAX_QUEUED,
    queue_timeout=settings.WEB_QUEUE_TIMEOUT,
)

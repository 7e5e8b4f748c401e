"""The integrations API (`integrations/hevy/...`)."""

from integrations.api import connection, push

api_urlpatterns = [*connection.api_urlpatterns, *push.api_urlpatterns]

"""Pages of the integrations app (namespace `integrations`)."""

from integrations.views import connection, push

app_name = "integrations"

urlpatterns = [*connection.urlpatterns, *push.urlpatterns]

from __future__ import annotations

from typing import Any

from rest_framework.pagination import PageNumberPagination as BasePageNumberPagination


class PageNumberPagination(BasePageNumberPagination):
    """`?page=N&page_size=M`: 20 a page by default, 100 at most. A page past the end answers 404."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
            elif parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Results per page: {self.page_size} by default, {self.max_page_size} at most."
                )
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters

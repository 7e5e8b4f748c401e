from __future__ import annotations

from typing import Any

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination as BasePageNumberPagination


class PageNumberPagination(BasePageNumberPagination):
    """`?page=N&page_size=M`: 20 a page by default, 100 at most.

    A `page` that is not a whole number of at least 1, or a `page_size` outside 1..100, answers 400 naming
    the parameter; a page past the end answers 404.
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> list[Any] | None:
        self._validate(request)
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise NotFound("There is no such page: it is past the last one.") from None

    def _validate(self, request: Any) -> None:
        errors: dict[str, list[str]] = {}
        page = request.query_params.get(self.page_query_param)
        if page is not None and page not in self.last_page_strings and _whole_number(page, 1, None) is None:
            errors[self.page_query_param] = ["A page number is a whole number of at least 1."]
        size = request.query_params.get(self.page_size_query_param)
        if size is not None and _whole_number(size, 1, self.max_page_size) is None:
            errors[self.page_size_query_param] = [f"The page size is a whole number from 1 to {self.max_page_size}."]
        if errors:
            raise ValidationError(errors)

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


def _whole_number(text: str, minimum: int, maximum: int | None) -> int | None:
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        return None
    number = int(text)
    if number < minimum or (maximum is not None and number > maximum):
        return None
    return number

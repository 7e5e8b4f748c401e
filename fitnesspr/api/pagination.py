from rest_framework.pagination import PageNumberPagination as BasePageNumberPagination


class PageNumberPagination(BasePageNumberPagination):
    """`?page=N&page_size=M`: 20 a page by default, 100 at most."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
